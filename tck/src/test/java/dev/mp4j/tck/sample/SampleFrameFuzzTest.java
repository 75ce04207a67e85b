package dev.mp4j.tck.sample;

import dev.mp4j.tck.FrameFuzzContract;

class SampleFrameFuzzTest extends FrameFuzzContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }
}
