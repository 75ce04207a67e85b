package dev.mp4j.transport.shm;

import dev.mp4j.Multiprocessing;
import dev.mp4j.tck.ProcessContract;

/** The Process contract over the thread-backed context, whose objects are shm's here. */
class ThreadsProcessTest extends ProcessContract {
    @Override
    protected String transport() {
        return Multiprocessing.THREADS;
    }
}
