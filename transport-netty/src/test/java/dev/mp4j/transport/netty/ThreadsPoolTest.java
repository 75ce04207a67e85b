package dev.mp4j.transport.netty;

import dev.mp4j.Multiprocessing;
import dev.mp4j.tck.PoolContract;

/** The Pool contract over the thread-backed context, whose objects are netty's here: a process's puts are flushed when it ends. */
class ThreadsPoolTest extends PoolContract {
    @Override
    protected String transport() {
        return Multiprocessing.THREADS;
    }
}
