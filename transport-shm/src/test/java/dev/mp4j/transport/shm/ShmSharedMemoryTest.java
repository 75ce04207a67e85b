package dev.mp4j.transport.shm;

import dev.mp4j.tck.SharedMemoryContract;

class ShmSharedMemoryTest extends SharedMemoryContract {
    @Override
    protected String transport() {
        return "shm";
    }
}
