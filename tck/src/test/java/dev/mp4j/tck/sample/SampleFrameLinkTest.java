package dev.mp4j.tck.sample;

import dev.mp4j.tck.FrameLinkContract;

class SampleFrameLinkTest extends FrameLinkContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }
}
