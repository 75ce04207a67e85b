package dev.mp4j.transport.shm;

import dev.mp4j.Multiprocessing;
import dev.mp4j.tck.QueueCapacityContract;

/** The QueueCapacity contract over the thread-backed context, whose objects are shm's here. */
class ThreadsQueueCapacityTest extends QueueCapacityContract {
    @Override
    protected String transport() {
        return Multiprocessing.THREADS;
    }
}
