package dev.mp4j.tck.sample;

import dev.mp4j.tck.PipeContract;

class SamplePipeTest extends PipeContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }
}
