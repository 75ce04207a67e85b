package dev.mp4j.transport.shm;

import dev.mp4j.Multiprocessing;
import dev.mp4j.tck.ListenerContract;

/** The Listener contract over the thread-backed context, whose objects are shm's here. */
class ThreadsListenerTest extends ListenerContract {
    @Override
    protected String transport() {
        return Multiprocessing.THREADS;
    }
}
