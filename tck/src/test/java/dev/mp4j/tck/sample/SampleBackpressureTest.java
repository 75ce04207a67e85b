package dev.mp4j.tck.sample;

import dev.mp4j.tck.BackpressureContract;

class SampleBackpressureTest extends BackpressureContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }
}
