package dev.mp4j.transport.shm;

import dev.mp4j.Multiprocessing;
import dev.mp4j.tck.PipeContract;

/** The Pipe contract over the thread-backed context, whose objects are shm's here. */
class ThreadsPipeTest extends PipeContract {
    @Override
    protected String transport() {
        return Multiprocessing.THREADS;
    }
}
