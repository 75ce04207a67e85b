package dev.mp4j.transport.shm;

import dev.mp4j.shm.ParkedWaiters;
import dev.mp4j.shm.Wait;

/**
 * One blocking call's wait on a ring: nothing until its first {@link #pause()}, so a call that need not wait
 * costs no allocation, then a {@link Wait} that sleeps up to {@link Ring#SLEEP_NANOS} between looks of its own.
 * Use it in try-with-resources; not thread-safe.
 */
final class RingWait implements AutoCloseable {
    private final long timeoutNanos;
    private final ParkedWaiters waiters;
    private Wait wait;

    /** @param timeoutNanos negative for no limit, 0 for none at all */
    RingWait(long timeoutNanos, ParkedWaiters waiters) {
        this.timeoutNanos = timeoutNanos;
        this.waiters = waiters;
    }

    /** @return false, having waited nothing, once the timeout has passed (at once for a timeout of 0) */
    boolean pause() throws InterruptedException {
        if (timeoutNanos == 0) {
            return false;
        }
        if (wait == null) {
            wait = new Wait(timeoutNanos, waiters, Ring.SLEEP_NANOS);
        }
        return wait.pause();
    }

    /** {@link #pause()} that ignores interrupts; for a transport thread that waits for ever. */
    void pauseUninterruptibly() {
        if (wait == null) {
            wait = new Wait(timeoutNanos, waiters, Ring.SLEEP_NANOS);
        }
        wait.pauseUninterruptibly();
    }

    /** @return whether it is time to ask whether the process waited for still lives */
    boolean livenessCheckDue() {
        return wait != null && wait.livenessCheckDue();
    }

    @Override
    public void close() {
        if (wait != null) {
            wait.done();
            wait = null;
        }
    }
}
