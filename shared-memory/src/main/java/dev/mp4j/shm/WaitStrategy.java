package dev.mp4j.shm;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How a thread waits for another process: no process can wake a thread of another JVM directly, so a
 * waiter polls the shared word, in three stages.
 *
 * <ol>
 *   <li><b>Spin</b> ({@code mp4j.shm.spins}, default 100 polls with {@link Thread#onSpinWait()}): about
 *       2–5 µs of one core; catches a lock released a moment later, at ~100 ns latency.</li>
 *   <li><b>Yield</b> ({@code mp4j.shm.yields}, default 20 {@link Thread#yield()}s): gives the core to the
 *       holder when cores are scarce; tens of µs at most, costing a core only if nothing else wants it.</li>
 *   <li><b>Park</b> with backoff: {@link LockSupport#parkNanos} from {@code mp4j.shm.minParkMicros} (default
 *       20) doubling to {@code mp4j.shm.maxParkMicros} (default 200). The wake-up latency of a parked waiter
 *       is at most one park (plus Linux's 50 µs timer slack); each poll costs about 2–5 µs of CPU, so a
 *       parked waiter uses about 1–3% of a core. Raise the maximum to trade latency for CPU.</li>
 * </ol>
 * A waiter therefore never burns a core for more than the few microseconds of the first two stages. A
 * timed wait never parks past its deadline. While parked, a waiter checks every
 * {@code mp4j.shm.livenessCheckMillis} (default 10) whether the process it waits for still lives.
 */
final class WaitStrategy {
    static final WaitStrategy DEFAULT = new WaitStrategy(
            Integer.getInteger("mp4j.shm.spins", 100),
            Integer.getInteger("mp4j.shm.yields", 20),
            TimeUnit.MICROSECONDS.toNanos(Long.getLong("mp4j.shm.minParkMicros", 20)),
            TimeUnit.MICROSECONDS.toNanos(Long.getLong("mp4j.shm.maxParkMicros", 200)),
            TimeUnit.MILLISECONDS.toNanos(Long.getLong("mp4j.shm.livenessCheckMillis", 10)));

    final int spins;
    final int yields;
    final long minParkNanos;
    final long maxParkNanos;
    final long livenessCheckNanos;

    WaitStrategy(int spins, int yields, long minParkNanos, long maxParkNanos, long livenessCheckNanos) {
        this.spins = Math.max(0, spins);
        this.yields = Math.max(0, yields);
        this.minParkNanos = Math.max(1_000, minParkNanos);
        this.maxParkNanos = Math.max(this.minParkNanos, maxParkNanos);
        this.livenessCheckNanos = Math.max(1_000_000, livenessCheckNanos);
    }

    /** Waits one step; {@code step} counts from 0 within one wait. */
    void idle(int step, long remainingNanos) {
        if (step < spins) {
            Thread.onSpinWait();
        } else if (step < spins + yields) {
            Thread.yield();
        } else {
            int doublings = Math.min(step - spins - yields, 20);
            long park = Math.min(maxParkNanos, minParkNanos << doublings);
            LockSupport.parkNanos(Math.min(park, remainingNanos));
        }
    }

    boolean parking(int step) {
        return step >= spins + yields;
    }
}
