package dev.mp4j.core.manager;

import dev.mp4j.shm.Durations;

import java.time.Duration;

/** An event in the manager: a flag and a monitor. */
public final class ServedEvent extends ServedObject implements dev.mp4j.Event {
    private static final long serialVersionUID = 1L;
    private boolean set;

    @Override
    Kind kind() {
        return Kind.EVENT;
    }

    @Override
    public synchronized void set() {
        set = true;
        notifyAll();
    }

    @Override
    public synchronized void clear() {
        set = false;
    }

    @Override
    public synchronized boolean isSet() {
        return set;
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return awaitNanos(Math.max(0, Durations.toNanos(timeout)));
    }

    /** A slice of a proxy's wait. */
    public synchronized boolean awaitNanos(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (!set) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    @Override
    public void await() {
        throw new UnsupportedOperationException("proxies wait in slices, with await(Duration)");
    }
}
