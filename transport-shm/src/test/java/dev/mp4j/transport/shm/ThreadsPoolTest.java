package dev.mp4j.transport.shm;

import dev.mp4j.Multiprocessing;
import dev.mp4j.tck.PoolContract;

/** The Pool contract over the thread-backed context, whose objects are shm's here. */
class ThreadsPoolTest extends PoolContract {
    @Override
    protected String transport() {
        return Multiprocessing.THREADS;
    }
}
