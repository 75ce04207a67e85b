package dev.mp4j.core.queue;

import dev.mp4j.Queue;
import dev.mp4j.core.codec.Codec;
import dev.mp4j.core.codec.Departures;
import dev.mp4j.core.link.FrameLimit;
import dev.mp4j.core.link.Handles;
import dev.mp4j.shm.Durations;

import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.Objects;

/**
 * The user's {@link Queue}: checks arguments, encodes in the caller (so a bad item fails there and takes no
 * slot), decodes what it takes, and leaves storage to its {@link QueueBackend}.
 *
 * <p>Each object is a handle: made, it is counted by its backend ({@link QueueBackend#handleOpened}); collected, it
 * is let go of ({@link QueueBackend#handleGone}), and the last handle of every process frees the queue. A call
 * fences its object's reachability after its backend's call, so a handle is never let go of during a call through
 * it: a fence after the call keeps it reachable during the call on every path, the exceptional ones included.
 */
abstract class BaseQueue<E> implements Queue<E> {
    @Serial
    private static final long serialVersionUID = 1L;

    final transient QueueBackend backend;
    /** Known once the handle exists: its transport's limit, or the smaller of both ends' for another owner's queue. */
    private final transient int maxItemBytes;
    private transient volatile boolean closed;

    BaseQueue(QueueBackend backend) {
        this.backend = backend;
        this.maxItemBytes = backend.maxItemBytes();
        backend.handleOpened();
        Handles.onGone(this, backend::handleGone);
    }

    private byte[] encode(E e) {
        Objects.requireNonNull(e, "a Queue does not take null elements");
        if (closed) {
            throw new IllegalStateException("this process closed the queue: it can put no more");
        }
        if (Codec.isFlat(e)) { // the common case costs the check alone
            byte[] item = Codec.encode(e);
            checkLength(item.length);
            return item;
        }
        // a refused item leaves nothing behind: no queue or pipe end inside it counts as in flight
        return Departures.checked(() -> Codec.encode(e), item -> checkLength(item.length));
    }

    private void checkLength(int length) {
        if (length > maxItemBytes) {
            throw FrameLimit.exceeded(length, maxItemBytes, "this queue's transport");
        }
    }

    /**
     * A call that may wait throws at once if the thread is already interrupted, having changed nothing, as
     * {@code java.util.concurrent}'s queues do, whatever the backend: a remote call, or a transport's own queue,
     * would otherwise complete first and leave the status set. A put into an unbounded queue waits only at its
     * high-water mark, which is rare: it ignores the status until it would wait, as {@code offer(e)} does, so that a
     * producer that keeps its interrupt status for later still puts.
     */
    static void checkInterrupt(boolean mayWait) throws InterruptedException {
        if (mayWait && Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    @Override
    public void put(E e) throws InterruptedException {
        byte[] item = encode(e);
        checkInterrupt(backend.maxsize() > 0);
        backend.put(item, -1);
        Reference.reachabilityFence(this); // see the class comment: live until here, on every path
    }

    @Override
    public boolean offer(E e) {
        boolean put;
        try {
            put = backend.put(encode(e), 0);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            put = false;
        }
        Reference.reachabilityFence(this);
        return put;
    }

    @Override
    public boolean offer(E e, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        byte[] item = encode(e);
        long nanos = Math.max(0, Durations.toNanos(timeout));
        checkInterrupt(nanos > 0 && backend.maxsize() > 0);
        boolean put = backend.put(item, nanos);
        Reference.reachabilityFence(this);
        return put;
    }

    @Override
    public E take() throws InterruptedException {
        checkInterrupt(true);
        byte[] item = backend.take(-1);
        Reference.reachabilityFence(this);
        return decode(item);
    }

    @Override
    public E poll() {
        byte[] item;
        try {
            item = backend.take(0);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            item = null;
        }
        Reference.reachabilityFence(this);
        return decode(item);
    }

    @Override
    public E poll(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long nanos = Math.max(0, Durations.toNanos(timeout));
        checkInterrupt(nanos > 0);
        byte[] item = backend.take(nanos);
        Reference.reachabilityFence(this);
        return decode(item);
    }

    @SuppressWarnings("unchecked")
    private E decode(byte[] item) {
        return item == null ? null : (E) Codec.decode(item);
    }

    @Override
    public int size() {
        int size = backend.size();
        Reference.reachabilityFence(this);
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean isFull() {
        return backend.maxsize() > 0 && size() >= backend.maxsize();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            backend.flush();
        }
    }

    @Serial
    Object writeReplace() throws ObjectStreamException {
        if (backend.node().isClosed()) {
            // the child would find nothing where the token points, and die; say so here, in the sender
            throw new NotSerializableException("a queue whose context was closed cannot be sent to another process:"
                    + " make a new one from Multiprocessing.context()");
        }
        return backend.token();
    }

    @Override
    public String toString() {
        int max = backend.maxsize();
        return getClass().getSimpleName() + "[" + (max > 0 ? "maxsize=" + max : "unbounded") + (closed ? ", closed" : "") + "]";
    }
}
