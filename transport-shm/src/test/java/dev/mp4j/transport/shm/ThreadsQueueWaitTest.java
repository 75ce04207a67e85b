package dev.mp4j.transport.shm;

import dev.mp4j.Multiprocessing;
import dev.mp4j.tck.QueueWaitContract;

/** The QueueWait contract over the thread-backed context, whose objects are shm's here. */
class ThreadsQueueWaitTest extends QueueWaitContract {
    @Override
    protected String transport() {
        return Multiprocessing.THREADS;
    }
}
