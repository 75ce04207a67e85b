package dev.mp4j.transport.shm;

import dev.mp4j.Multiprocessing;
import dev.mp4j.tck.QueueContract;

/** The Queue contract over the thread-backed context, whose objects are shm's here. */
class ThreadsQueueTest extends QueueContract {
    @Override
    protected String transport() {
        return Multiprocessing.THREADS;
    }
}
