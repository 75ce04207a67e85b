package dev.mp4j.shm;

/**
 * One blocking call's wait on a structure in shared memory: nothing until its first {@link #pause()}, so a call
 * that need not wait costs no allocation, then a {@link Wait} that sleeps up to {@code sleepNanos} between looks of
 * its own (for waiters that every change rings: a queue's consumers, woken by each put). Use it in
 * try-with-resources; not thread-safe.
 */
public final class LazyWait implements AutoCloseable {
    private final long timeoutNanos;
    private final ParkedWaiters waiters;
    private final long sleepNanos;
    private Wait wait;

    /**
     * @param timeoutNanos negative for no limit, 0 for none at all
     * @param sleepNanos   see {@link Wait#Wait(long, ParkedWaiters, long)}
     */
    public LazyWait(long timeoutNanos, ParkedWaiters waiters, long sleepNanos) {
        this.timeoutNanos = timeoutNanos;
        this.waiters = waiters;
        this.sleepNanos = sleepNanos;
    }

    /**
     * @return false, having waited nothing, once the timeout has passed (at once for a timeout of 0)
     * @throws InterruptedException if the thread is interrupted; its interrupt status is cleared
     */
    public boolean pause() throws InterruptedException {
        if (timeoutNanos == 0) {
            return false;
        }
        if (wait == null) {
            wait = new Wait(timeoutNanos, waiters, sleepNanos);
        }
        return wait.pause();
    }

    /** {@link #pause()} that ignores interrupts; for a transport thread that waits for ever. */
    public void pauseUninterruptibly() {
        if (wait == null) {
            wait = new Wait(timeoutNanos, waiters, sleepNanos);
        }
        wait.pauseUninterruptibly();
    }

    /** @return whether it is time to ask whether the process waited for still lives */
    public boolean livenessCheckDue() {
        return wait != null && wait.livenessCheckDue();
    }

    /** Ends the wait (a new one starts from its spin again); the object can be used again. */
    @Override
    public void close() {
        if (wait != null) {
            wait.done();
            wait = null;
        }
    }
}
