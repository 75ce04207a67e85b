package dev.mp4j.transport.chronicle;

import dev.mp4j.tck.FrameFuzzContract;

class ChronicleFrameFuzzTest extends FrameFuzzContract {
    @Override
    protected String transport() {
        return ChronicleTransportProvider.NAME;
    }
}
