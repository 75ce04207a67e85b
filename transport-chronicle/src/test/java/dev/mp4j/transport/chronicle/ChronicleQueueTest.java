package dev.mp4j.transport.chronicle;

import dev.mp4j.tck.QueueContract;

class ChronicleQueueTest extends QueueContract {
    @Override
    protected String transport() {
        return ChronicleTransportProvider.NAME;
    }
}
