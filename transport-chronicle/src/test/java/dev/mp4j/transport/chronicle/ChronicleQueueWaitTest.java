package dev.mp4j.transport.chronicle;

import dev.mp4j.tck.QueueWaitContract;

class ChronicleQueueWaitTest extends QueueWaitContract {
    @Override
    protected String transport() {
        return ChronicleTransportProvider.NAME;
    }
}
