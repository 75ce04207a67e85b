package dev.mp4j.transport.chronicle;

import dev.mp4j.tck.ListenerContract;

class ChronicleListenerTest extends ListenerContract {
    @Override
    protected String transport() {
        return ChronicleTransportProvider.NAME;
    }
}
