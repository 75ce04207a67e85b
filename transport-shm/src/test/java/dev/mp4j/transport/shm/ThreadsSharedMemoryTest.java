package dev.mp4j.transport.shm;

import dev.mp4j.Multiprocessing;
import dev.mp4j.tck.SharedMemoryContract;

/** The SharedMemory contract over the thread-backed context, whose objects are shm's here. */
class ThreadsSharedMemoryTest extends SharedMemoryContract {
    @Override
    protected String transport() {
        return Multiprocessing.THREADS;
    }
}
