package dev.mp4j.shm;

import java.util.concurrent.locks.LockSupport;

/**
 * One blocking wait: its deadline, its stage in the {@link WaitStrategy}, its registration with the
 * structure's {@link ParkedWaiters}, and when to next check that the process waited for still lives. Made
 * only once the fast path has failed; {@link #done()} must follow in a {@code finally}.
 *
 * <p>On reaching the sleep stage the waiter registers, and returns once without parking so that its caller
 * checks the condition again after registering (otherwise a signal between the last check and the
 * registration would be missed). Registered, it parks until its bell rings, the deadline, or the next
 * liveness check.
 */
final class Wait {
    private static final long FOREVER = Long.MAX_VALUE;

    private final WaitStrategy strategy;
    private final ParkedWaiters parked;
    private final long deadline;
    private final boolean timed;
    private int step;
    private long parkingSince;
    private int backoffs;
    private long nextLivenessCheck;
    private boolean registered;
    private boolean triedToRegister;
    private boolean interrupted;

    /**
     * @param timeoutNanos how long to wait at most; negative for no limit
     * @param parked       the table of the structure waited on
     */
    Wait(long timeoutNanos, ParkedWaiters parked) {
        this.strategy = WaitStrategy.DEFAULT;
        this.parked = parked;
        this.timed = timeoutNanos >= 0;
        this.deadline = timed ? System.nanoTime() + timeoutNanos : 0;
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
        // an interrupt arriving now makes the park return at once, and the next pause() throws it
        return step();
    }

    /**
     * Waits one step, ignoring interrupts (an interrupt is cleared so that parking still parks, and is set
     * again by {@link #restoreInterrupt()}); false once the deadline has passed.
     */
    boolean pauseUninterruptibly() {
        if (Thread.interrupted()) {
            interrupted = true;
        }
        return step();
    }

    private boolean step() {
        long left = remaining();
        if (left == 0) {
            return false;
        }
        if (!strategy.parking(step)) {
            strategy.spinOrYield(step++);
            return true;
        }
        long now = System.nanoTime();
        if (parkingSince == 0) {
            parkingSince = now;
            nextLivenessCheck = now + strategy.livenessCheckNanos;
        }
        if (now - parkingSince < strategy.pollNanos) {
            LockSupport.parkNanos(Math.min(left, strategy.pollParkNanos));
        } else if (!triedToRegister) {
            triedToRegister = true;
            registered = parked.register();
        } else if (registered) {
            LockSupport.parkNanos(Math.min(left, strategy.livenessCheckNanos));
        } else {
            LockSupport.parkNanos(Math.min(left, strategy.backoffPark(backoffs++)));
        }
        return true;
    }

    /** Ends the wait: leaves the structure's table of parked waiters. */
    void done() {
        if (registered) {
            registered = false;
            parked.deregister();
        }
    }

    /** Sets the interrupt status again if {@link #pauseUninterruptibly()} cleared it. */
    void restoreInterrupt() {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** True about once per liveness interval, from one interval after the waiter began to park. */
    boolean livenessCheckDue() {
        if (parkingSince == 0) {
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
