package dev.mp4j.tck.sample;

import dev.mp4j.tck.ClassFetchContract;

class SampleClassFetchTest extends ClassFetchContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }
}
