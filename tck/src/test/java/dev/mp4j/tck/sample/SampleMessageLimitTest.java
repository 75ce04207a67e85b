package dev.mp4j.tck.sample;

import dev.mp4j.tck.MessageLimitContract;

class SampleMessageLimitTest extends MessageLimitContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }

    @Override
    protected String frameLimitProperty() {
        return SampleTransport.MAX_FRAME_PROPERTY;
    }
}
