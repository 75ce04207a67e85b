package dev.mp4j.transport.shm;

import dev.mp4j.tck.QueueWaitContract;

class ShmQueueWaitTest extends QueueWaitContract {
    @Override
    protected String transport() {
        return "shm";
    }
}
