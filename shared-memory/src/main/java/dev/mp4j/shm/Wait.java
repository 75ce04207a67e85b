package dev.mp4j.shm;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One blocking wait for another process: its deadline, its stage, its registration with the structure's
 * {@link ParkedWaiters}, and when to next check that the process waited for still lives. Made only once the
 * fast path has failed; {@link #done()} must follow in a {@code finally}.
 *
 * <p>No JVM can unpark a thread of another JVM, so a waiter watches the shared word itself, in four stages, each
 * cheaper in CPU and slower to notice a change than the last. The first three are a {@link BackoffIdleStrategy}:
 *
 * <ol>
 *   <li><b>Spin</b> ({@code mp4j.spins}, default 100 polls with {@link Thread#onSpinWait()}): about 2–5 µs of one
 *       core; notices a change within ~0.1 µs. Catches a lock released a moment later.</li>
 *   <li><b>Yield</b> ({@code mp4j.yields}, default 20 {@link Thread#yield()}s): tens of µs at most, and a core only
 *       if nothing else wants it; lets the holder run when cores are scarce.</li>
 *   <li><b>Poll</b> for {@code mp4j.shm.pollMillis} (default 20 ms): {@link LockSupport#parkNanos} of
 *       {@code mp4j.shm.pollParkMicros} (default 20 µs) between looks. Linux adds its 50 µs timer slack, so a look
 *       comes every ~70–100 µs: a change is noticed ~40 µs later on average, for about 5% of one core while it
 *       lasts.</li>
 *   <li><b>Sleep</b>: the waiter registers in the structure's table of parked waiters and parks until a signaller
 *       rings its process's {@link Bell}, or for at most the liveness interval. It costs no CPU beyond a look every
 *       {@code mp4j.shm.livenessCheckMillis} (default 10 ms); a wake-up costs one socket write and one thread
 *       hand-off (~20 µs on bare metal, 100–500 µs on a small VM, where waking an idle vCPU is slow). Where the
 *       bell cannot be used (more than six processes waiting, no Unix domain sockets) the waiter polls instead,
 *       backing off from the poll park to {@code mp4j.shm.maxParkMicros} (default 1000 µs).</li>
 * </ol>
 * A waiter thus never burns a core for more than the few microseconds of the first two stages, and a long wait
 * costs nearly nothing. Only sleeping waiters make signallers ring, so handing a contended lock from one process to
 * another is never slowed by the bell. A timed wait never parks past its deadline. From the poll stage on, a waiter
 * checks every liveness interval whether the process it waits for still lives.
 *
 * <p>On reaching the sleep stage the waiter registers, and returns once without parking so that its caller checks
 * the condition again after registering (otherwise a signal between the last check and the registration would be
 * missed). Registered, it parks until its bell rings, the deadline, or the next liveness check.
 *
 * <p>The pattern, for a transport author waiting on a word another process changes:
 * <pre>{@code
 * Wait wait = null;
 * try {
 *     while (!ready()) {                       // a read with acquire semantics
 *         if (wait == null) {
 *             wait = new Wait(timeoutNanos, waiters);
 *         }
 *         if (!wait.pause()) {
 *             return false;                    // timed out
 *         }
 *         if (wait.livenessCheckDue() && otherSideDied()) {
 *             ...
 *         }
 *     }
 *     return true;
 * } finally {
 *     if (wait != null) {
 *         wait.done();
 *     }
 * }
 * }</pre>
 * and the signaller makes its change visible (a release store or an atomic), then calls
 * {@link ParkedWaiters#wake()}. One instance per wait and thread; not thread-safe.
 */
public final class Wait {
    private static final long FOREVER = Long.MAX_VALUE;
    static final long POLL_PARK_NANOS = Math.max(1_000,
            TimeUnit.MICROSECONDS.toNanos(Long.getLong("mp4j.shm.pollParkMicros", 20)));
    static final long POLL_NANOS = Math.max(0, TimeUnit.MILLISECONDS.toNanos(Long.getLong("mp4j.shm.pollMillis", 20)));
    static final long MAX_PARK_NANOS = Math.max(POLL_PARK_NANOS,
            TimeUnit.MICROSECONDS.toNanos(Long.getLong("mp4j.shm.maxParkMicros", 1000)));
    static final long LIVENESS_CHECK_NANOS = Math.max(1_000_000,
            TimeUnit.MILLISECONDS.toNanos(Long.getLong("mp4j.shm.livenessCheckMillis", 10)));

    private final BackoffIdleStrategy idle = new BackoffIdleStrategy(BackoffIdleStrategy.SPINS,
            BackoffIdleStrategy.YIELDS, POLL_PARK_NANOS, POLL_NANOS);
    private final ParkedWaiters parked;
    private final long sleepNanos;
    private final long deadline;
    private final boolean timed;
    private int backoffs;
    private boolean livenessClockStarted;
    private long nextLivenessCheck;
    private boolean registered;
    private boolean triedToRegister;
    private boolean interrupted;

    /**
     * @param timeoutNanos how long to wait at most; negative for no limit
     * @param parked       the table of the structure waited on
     */
    public Wait(long timeoutNanos, ParkedWaiters parked) {
        this(timeoutNanos, parked, LIVENESS_CHECK_NANOS);
    }

    /**
     * A wait whose sleep stage parks up to {@code sleepNanos} between looks of its own, and whose liveness checks
     * come at that rate too: for a waiter that a signaller always rings (a queue's consumer, woken by every put),
     * so that a long wait costs a wake-up a tenth of a second, say, rather than one every liveness interval.
     *
     * @param sleepNanos at least the liveness interval ({@code mp4j.shm.livenessCheckMillis}, 10 ms by default)
     */
    public Wait(long timeoutNanos, ParkedWaiters parked, long sleepNanos) {
        this.sleepNanos = Math.max(LIVENESS_CHECK_NANOS, sleepNanos);
        this.parked = parked;
        this.timed = timeoutNanos >= 0;
        this.deadline = timed ? System.nanoTime() + timeoutNanos : 0;
    }

    /** Nanoseconds left; 0 once the deadline has passed; {@code Long.MAX_VALUE} for an untimed wait. */
    public long remaining() {
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
    public boolean pause() throws InterruptedException {
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
    public boolean pauseUninterruptibly() {
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
        if (idle.idle(left)) {
            return true;
        }
        if (!triedToRegister) {
            triedToRegister = true;
            registered = parked.register();
        } else if (registered) {
            LockSupport.parkNanos(Math.min(left, sleepNanos));
        } else {
            LockSupport.parkNanos(Math.min(left, backoffPark(backoffs++)));
        }
        return true;
    }

    /** The park of the {@code n}th look of an unregistered sleeper: doubling from the poll park to the maximum. */
    private static long backoffPark(int n) {
        return Math.min(MAX_PARK_NANOS, POLL_PARK_NANOS << Math.min(n, 20));
    }

    /** Ends the wait: leaves the structure's table of parked waiters. */
    public void done() {
        if (registered) {
            registered = false;
            parked.deregister();
        }
    }

    /** Sets the interrupt status again if {@link #pauseUninterruptibly()} cleared it. */
    public void restoreInterrupt() {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** True about once per liveness interval, from one interval after the waiter began to park. */
    public boolean livenessCheckDue() {
        if (!idle.isParking()) {
            return false;
        }
        long now = System.nanoTime();
        if (!livenessClockStarted) {
            livenessClockStarted = true;
            nextLivenessCheck = now + LIVENESS_CHECK_NANOS;
            return false;
        }
        if (now - nextLivenessCheck < 0) {
            return false;
        }
        nextLivenessCheck = now + LIVENESS_CHECK_NANOS;
        return true;
    }
}
