package dev.mp4j.core.manager;

import dev.mp4j.JoinableQueue;
import dev.mp4j.core.codec.Codec;
import dev.mp4j.shm.Durations;

import java.io.Serial;
import java.time.Duration;
import java.util.Objects;

/**
 * A proxy for a managed queue (Python's {@code manager.Queue()}), joinable or not. Unlike a context's queue, a
 * {@link #put} returns once the item is in the manager. {@link #close()} closes only this copy. Waits go in
 * slices of 100 ms; an item is encoded once, before the first.
 */
@SuppressWarnings("unchecked")
final class QueueProxy<E> extends BaseProxy implements JoinableQueue<E> {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final String OFFER = Protocol.sig(ServedQueue.class, "offer", Object.class);
    private static final String OFFER_NANOS = Protocol.sig(ServedQueue.class, "offerNanos", Object.class, long.class);
    private static final String POLL = Protocol.sig(ServedQueue.class, "poll");
    private static final String POLL_NANOS = Protocol.sig(ServedQueue.class, "pollNanos", long.class);
    private static final String SIZE = Protocol.sig(ServedQueue.class, "size");
    private static final String IS_EMPTY = Protocol.sig(ServedQueue.class, "isEmpty");
    private static final String IS_FULL = Protocol.sig(ServedQueue.class, "isFull");
    private static final String TASK_DONE = Protocol.sig(ServedQueue.class, "taskDone");
    private static final String JOIN_NANOS = Protocol.sig(ServedQueue.class, "joinNanos", long.class);
    private transient volatile boolean closed;

    QueueProxy(ManagerClient client, long id, String kind) {
        super(client, id, kind);
    }

    private byte[] item(E e) {
        Objects.requireNonNull(e, "a queue holds no null items");
        if (closed) {
            throw new IllegalStateException("this queue was closed by this process: it puts no more");
        }
        return Codec.encode(e);
    }

    @Override
    public void put(E e) throws InterruptedException {
        sliced(OFFER_NANOS, item(e), -1, true);
    }

    @Override
    public boolean offer(E e) {
        return (Boolean) client.callEncoded(id, OFFER, new byte[][] {item(e)});
    }

    @Override
    public boolean offer(E e, Duration timeout) throws InterruptedException {
        return sliced(OFFER_NANOS, item(e), Math.max(0, Durations.toNanos(timeout)), true) != null;
    }

    @Override
    public E take() throws InterruptedException {
        return (E) sliced(POLL_NANOS, null, -1, true);
    }

    @Override
    public E poll() {
        return (E) call(POLL);
    }

    @Override
    public E poll(Duration timeout) throws InterruptedException {
        return (E) sliced(POLL_NANOS, null, Math.max(0, Durations.toNanos(timeout)), true);
    }

    @Override
    public int size() {
        return (Integer) call(SIZE);
    }

    @Override
    public boolean isEmpty() {
        return (Boolean) call(IS_EMPTY);
    }

    @Override
    public boolean isFull() {
        return (Boolean) call(IS_FULL);
    }

    @Override
    public void taskDone() {
        call(TASK_DONE);
    }

    @Override
    public void join() throws InterruptedException {
        sliced(JOIN_NANOS, null, -1, true);
    }

    /** This process puts no more through this copy; other copies and the managed queue go on. */
    @Override
    public void close() {
        closed = true;
    }
}
