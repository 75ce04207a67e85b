package dev.mp4j.tck.sample;

import dev.mp4j.tck.QueueWaitContract;

class SampleQueueWaitTest extends QueueWaitContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }
}
