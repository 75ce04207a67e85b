package dev.mp4j.transport.shm;

import dev.mp4j.tck.QueueContract;

class ShmQueueTest extends QueueContract {
    @Override
    protected String transport() {
        return "shm";
    }
}
