package dev.mp4j.tck.sample;

import dev.mp4j.tck.FaultContract;

class SampleFaultTest extends FaultContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }
}
