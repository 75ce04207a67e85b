package dev.mp4j.transport.shm;

import dev.mp4j.tck.QueueCapacityContract;

class ShmQueueCapacityTest extends QueueCapacityContract {
    @Override
    protected String transport() {
        return "shm";
    }
}
