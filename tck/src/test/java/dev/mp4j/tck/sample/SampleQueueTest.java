package dev.mp4j.tck.sample;

import dev.mp4j.tck.QueueContract;

class SampleQueueTest extends QueueContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }
}
