package dev.mp4j.tck.sample;

import dev.mp4j.tck.QueueCapacityContract;

class SampleQueueCapacityTest extends QueueCapacityContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }
}
