package dev.mp4j.tck.sample;

import dev.mp4j.tck.SharedMemoryContract;

class SampleSharedMemoryTest extends SharedMemoryContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }
}
