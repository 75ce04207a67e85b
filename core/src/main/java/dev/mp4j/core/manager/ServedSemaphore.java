package dev.mp4j.core.manager;

import dev.mp4j.shm.Durations;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A semaphore in the manager. Permits a client thread took and did not give back are given back when its
 * connection ends.
 */
public final class ServedSemaphore extends ServedObject implements dev.mp4j.Semaphore {
    private static final long serialVersionUID = 1L;
    private final transient java.util.concurrent.Semaphore permits;
    private final int bound;

    ServedSemaphore(int permits, boolean bounded) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must not be negative: " + permits);
        }
        this.permits = new java.util.concurrent.Semaphore(permits);
        this.bound = bounded ? permits : -1;
    }

    @Override
    Kind kind() {
        return Kind.SEMAPHORE;
    }

    @Override
    public boolean tryAcquire() {
        return took(permits.tryAcquire());
    }

    @Override
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return took(permits.tryAcquire(Math.max(0, Durations.toNanos(timeout)), TimeUnit.NANOSECONDS));
    }

    /** A slice of a proxy's wait. */
    public boolean tryAcquireNanos(long nanos) throws InterruptedException {
        return took(permits.tryAcquire(nanos, TimeUnit.NANOSECONDS));
    }

    private boolean took(boolean got) {
        Session s = Session.current();
        if (got && s != null) {
            s.acquired(this);
        }
        return got;
    }

    @Override
    public synchronized void release() {
        if (bound >= 0 && permits.availablePermits() >= bound) {
            throw new IllegalStateException("this bounded semaphore already has its " + bound
                    + " permits: release() called more times than acquire()");
        }
        Session s = Session.current();
        if (s != null) {
            s.released(this);
        }
        permits.release();
    }

    synchronized void giveBack(int n) {
        int room = bound < 0 ? n : Math.min(n, bound - permits.availablePermits());
        if (room > 0) {
            permits.release(room);
        }
    }

    @Override
    public int availablePermits() {
        return permits.availablePermits();
    }

    @Override
    public void acquire() {
        throw new UnsupportedOperationException("proxies acquire in slices, with tryAcquire(Duration)");
    }
}
