package dev.mp4j.core.manager;

import dev.mp4j.shm.Durations;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A queue in the manager, joinable: each item taken counts as unfinished until a {@link #taskDone()}. Proxies
 * put and take in slices, with {@link #offer(Object, Duration)} and {@link #poll(Duration)}.
 */
public final class ServedQueue extends ServedObject implements dev.mp4j.JoinableQueue<Object> {
    private static final long serialVersionUID = 1L;
    private final transient LinkedBlockingQueue<Object> items;
    private final int maxsize;
    private final boolean joinable;
    private long unfinished;

    ServedQueue(int maxsize, boolean joinable) {
        this.maxsize = maxsize;
        this.joinable = joinable;
        this.items = new LinkedBlockingQueue<>(maxsize <= 0 ? Integer.MAX_VALUE : maxsize);
    }

    @Override
    Kind kind() {
        return joinable ? Kind.JOINABLE_QUEUE : Kind.QUEUE;
    }

    @Override
    public boolean offer(Object e) {
        java.util.Objects.requireNonNull(e, "a queue holds no null items");
        counted(+1);
        return counted(items.offer(e));
    }

    @Override
    public boolean offer(Object e, Duration timeout) throws InterruptedException {
        return offerNanos(e, Math.max(0, Durations.toNanos(timeout)));
    }

    /** A slice of a proxy's wait. */
    public boolean offerNanos(Object e, long nanos) throws InterruptedException {
        java.util.Objects.requireNonNull(e, "a queue holds no null items");
        counted(+1);
        boolean in = false;
        try {
            in = items.offer(e, nanos, TimeUnit.NANOSECONDS);
        } finally {
            counted(in);
        }
        return in;
    }

    /** An item is unfinished from before it is in the queue, so that no taskDone() can outrun its count. */
    private synchronized void counted(int delta) {
        unfinished += delta;
        if (unfinished == 0) {
            notifyAll();
        }
    }

    private boolean counted(boolean in) {
        if (!in) {
            counted(-1);
        }
        return in;
    }

    @Override
    public Object poll() {
        return items.poll();
    }

    @Override
    public Object poll(Duration timeout) throws InterruptedException {
        return pollNanos(Math.max(0, Durations.toNanos(timeout)));
    }

    /** A slice of a proxy's wait. */
    public Object pollNanos(long nanos) throws InterruptedException {
        return items.poll(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public boolean isEmpty() {
        return items.isEmpty();
    }

    @Override
    public boolean isFull() {
        return maxsize > 0 && items.remainingCapacity() == 0;
    }

    @Override
    public synchronized void taskDone() {
        if (unfinished <= 0) {
            throw new IllegalStateException("taskDone() called more times than there were items put");
        }
        counted(-1);
    }

    /** A slice of a proxy's wait. @return whether every item put has been marked done */
    public synchronized boolean joinNanos(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (unfinished > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    @Override
    public void put(Object e) {
        throw sliced();
    }

    @Override
    public Object take() {
        throw sliced();
    }

    @Override
    public void join() {
        throw sliced();
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("a proxy closes itself");
    }

    private static UnsupportedOperationException sliced() {
        return new UnsupportedOperationException("proxies wait in slices");
    }
}
