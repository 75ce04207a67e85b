package dev.mp4j.tck.sample;

import dev.mp4j.tck.ProcessContract;

class SampleProcessTest extends ProcessContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }
}
