package dev.mp4j.shm;

/**
 * One blocking wait: its deadline, its stage in the {@link WaitStrategy}, and when to next check that the
 * process waited for still lives. Made only once the fast path has failed.
 */
final class Wait {
    private static final long FOREVER = Long.MAX_VALUE;

    private final WaitStrategy strategy;
    private final long deadline;
    private final boolean timed;
    private int step;
    private long nextLivenessCheck;
    private boolean interrupted;

    /** @param timeoutNanos how long to wait at most; negative for no limit */
    Wait(long timeoutNanos) {
        this.strategy = WaitStrategy.DEFAULT;
        long now = System.nanoTime();
        this.timed = timeoutNanos >= 0;
        this.deadline = timed ? now + timeoutNanos : 0;
        this.nextLivenessCheck = now + strategy.livenessCheckNanos;
    }

    static Wait forever() {
        return new Wait(-1);
    }

    /** Nanoseconds left; 0 once the deadline has passed; {@code Long.MAX_VALUE} for an untimed wait. */
    long remaining() {
        if (!timed) {
            return FOREVER;
        }
        return Math.max(0, deadline - System.nanoTime());
    }

    /**
     * Waits one step.
     *
     * @return false if the deadline has passed (nothing was waited)
     * @throws InterruptedException if the thread is interrupted; its interrupt status is cleared
     */
    boolean pause() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return pauseUninterruptibly();
    }

    /**
     * Waits one step, ignoring interrupts (an interrupt is cleared so that parking still parks, and is set
     * again by {@link #restoreInterrupt()}); false once the deadline has passed.
     */
    boolean pauseUninterruptibly() {
        if (Thread.interrupted()) {
            interrupted = true;
        }
        long left = remaining();
        if (left == 0) {
            return false;
        }
        strategy.idle(step++, left);
        return true;
    }

    /** Sets the interrupt status again if {@link #pauseUninterruptibly()} cleared it. */
    void restoreInterrupt() {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** True about once per liveness interval, from one interval after the wait began. */
    boolean livenessCheckDue() {
        if (!strategy.parking(step)) {
            return false;
        }
        long now = System.nanoTime();
        if (now - nextLivenessCheck < 0) {
            return false;
        }
        nextLivenessCheck = now + strategy.livenessCheckNanos;
        return true;
    }
}
