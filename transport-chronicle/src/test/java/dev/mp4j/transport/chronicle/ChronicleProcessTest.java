package dev.mp4j.transport.chronicle;

import dev.mp4j.tck.ProcessContract;

class ChronicleProcessTest extends ProcessContract {
    @Override
    protected String transport() {
        return ChronicleTransportProvider.NAME;
    }
}
