package dev.mp4j.tck.sample;

import dev.mp4j.tck.SparesContract;

class SampleSparesTest extends SparesContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }
}
