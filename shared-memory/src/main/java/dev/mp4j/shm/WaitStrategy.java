package dev.mp4j.shm;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How a thread waits for another process. No JVM can unpark a thread of another JVM, so a waiter watches
 * the shared word itself, in four stages, each cheaper in CPU and slower to notice a change than the last:
 *
 * <ol>
 *   <li><b>Spin</b> ({@code mp4j.shm.spins}, default 100 polls with {@link Thread#onSpinWait()}): about
 *       2–5 µs of one core; notices a change within ~0.1 µs. Catches a lock released a moment later.</li>
 *   <li><b>Yield</b> ({@code mp4j.shm.yields}, default 20 {@link Thread#yield()}s): tens of µs at most, and a
 *       core only if nothing else wants it; lets the holder run when cores are scarce.</li>
 *   <li><b>Poll</b> for {@code mp4j.shm.pollMillis} (default 20 ms): {@link LockSupport#parkNanos} of
 *       {@code mp4j.shm.pollParkMicros} (default 20 µs) between looks. Linux adds its 50 µs timer slack, so a
 *       look comes every ~70–100 µs: a change is noticed ~40 µs later on average, for about 5% of one core
 *       while it lasts.</li>
 *   <li><b>Sleep</b>: the waiter registers in the structure's table of parked waiters and parks until a
 *       signaller rings its process's {@link Bell}, or for at most the liveness interval. It costs no CPU
 *       beyond a look every {@code mp4j.shm.livenessCheckMillis} (default 10 ms); a wake-up costs one socket
 *       write and one thread hand-off (~20 µs on bare metal, 100–500 µs on a small VM, where waking an idle
 *       vCPU is slow). Where the bell cannot be used (more than six processes waiting, no Unix domain
 *       sockets) the waiter polls instead, backing off from the poll park to {@code mp4j.shm.maxParkMicros}
 *       (default 1000 µs).</li>
 * </ol>
 * A waiter thus never burns a core for more than the few microseconds of the first two stages, and a long
 * wait costs nearly nothing. Only sleeping waiters make signallers ring, so handing a contended lock from
 * one process to another is never slowed by the bell. A timed wait never parks past its deadline. From the
 * poll stage on, a waiter checks every liveness interval whether the process it waits for still lives.
 */
final class WaitStrategy {
    static final WaitStrategy DEFAULT = new WaitStrategy(
            Integer.getInteger("mp4j.shm.spins", 100),
            Integer.getInteger("mp4j.shm.yields", 20),
            TimeUnit.MICROSECONDS.toNanos(Long.getLong("mp4j.shm.pollParkMicros", 20)),
            TimeUnit.MILLISECONDS.toNanos(Long.getLong("mp4j.shm.pollMillis", 20)),
            TimeUnit.MICROSECONDS.toNanos(Long.getLong("mp4j.shm.maxParkMicros", 1000)),
            TimeUnit.MILLISECONDS.toNanos(Long.getLong("mp4j.shm.livenessCheckMillis", 10)));

    final int spins;
    final int yields;
    final long pollParkNanos;
    final long pollNanos;
    final long maxParkNanos;
    final long livenessCheckNanos;

    WaitStrategy(int spins, int yields, long pollParkNanos, long pollNanos, long maxParkNanos,
            long livenessCheckNanos) {
        this.spins = Math.max(0, spins);
        this.yields = Math.max(0, yields);
        this.pollParkNanos = Math.max(1_000, pollParkNanos);
        this.pollNanos = Math.max(0, pollNanos);
        this.maxParkNanos = Math.max(this.pollParkNanos, maxParkNanos);
        this.livenessCheckNanos = Math.max(1_000_000, livenessCheckNanos);
    }

    /** Spins or yields for one step of the first two stages. */
    void spinOrYield(int step) {
        if (step < spins) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    boolean parking(int step) {
        return step >= spins + yields;
    }

    /** The park of the {@code n}th look of an unregistered sleeper: doubling from the poll park to the maximum. */
    long backoffPark(int n) {
        return Math.min(maxParkNanos, pollParkNanos << Math.min(n, 20));
    }
}
