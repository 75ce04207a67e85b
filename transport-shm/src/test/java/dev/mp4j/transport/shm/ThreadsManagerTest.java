package dev.mp4j.transport.shm;

import dev.mp4j.Multiprocessing;
import dev.mp4j.tck.ManagerContract;

/** The Manager contract over the thread-backed context, whose objects are shm's here. */
class ThreadsManagerTest extends ManagerContract {
    @Override
    protected String transport() {
        return Multiprocessing.THREADS;
    }
}
