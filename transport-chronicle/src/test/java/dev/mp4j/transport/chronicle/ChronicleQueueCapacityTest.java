package dev.mp4j.transport.chronicle;

import dev.mp4j.tck.QueueCapacityContract;

class ChronicleQueueCapacityTest extends QueueCapacityContract {
    @Override
    protected String transport() {
        return ChronicleTransportProvider.NAME;
    }
}
