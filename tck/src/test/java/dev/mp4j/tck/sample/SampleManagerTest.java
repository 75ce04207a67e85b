package dev.mp4j.tck.sample;

import dev.mp4j.tck.ManagerContract;

class SampleManagerTest extends ManagerContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }
}
