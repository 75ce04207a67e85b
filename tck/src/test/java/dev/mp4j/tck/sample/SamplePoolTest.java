package dev.mp4j.tck.sample;

import dev.mp4j.tck.PoolContract;

class SamplePoolTest extends PoolContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }
}
