package dev.mp4j.core.queue;

import dev.mp4j.JoinableQueue;

import java.io.Serial;
import java.lang.ref.Reference;

/** A {@link JoinableQueue}: the owner counts unfinished items. */
final class JoinableQueueImpl<E> extends BaseQueue<E> implements JoinableQueue<E> {
    @Serial
    private static final long serialVersionUID = 1L;

    JoinableQueueImpl(QueueBackend backend) {
        super(backend);
    }

    @Override
    public void taskDone() {
        backend.taskDone();
        Reference.reachabilityFence(this); // see BaseQueue
    }

    @Override
    public void join() throws InterruptedException {
        checkInterrupt(true);
        backend.join();
        Reference.reachabilityFence(this);
    }
}
