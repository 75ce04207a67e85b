package dev.mp4j.shm;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A lock word in shared memory that survives its holder's death: for structures whose changes are short and
 * ordered so that a death half-way leaves them whole (or that journal them, and replay in {@code afterTakeover}).
 *
 * <p>The word ({@code long}, 8-byte aligned, zero when free) holds {@code pid << 32 | thread id} while held. A
 * waiter that has waited a millisecond asks whether the holder's process lives ({@link ProcessLiveness#isDead}, a
 * few µs), and takes the lock over from a dead one with one compare-and-set.
 *
 * <p><b>Waiting</b> spins ({@code mp4j.spins}), yields ({@code mp4j.yields}), then parks 50 µs at a time: holders
 * keep it for well under a microsecond, unless descheduled. Not reentrant.
 *
 * <p>Memory consistency: {@link #lock} is a compare-and-set (volatile semantics) and {@link #unlock} a release
 * store, so the holder's writes happen-before the next holder's reads, in any process.
 */
public final class RobustLock {
    private static final long LIVENESS_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long PID_BITS = ProcessLiveness.currentPid() << 32;

    private final MappedSegment seg;
    private final int at;
    private final Runnable afterTakeover;

    /**
     * @param at            the lock word's offset: a multiple of 8
     * @param afterTakeover run, holding the lock, after taking it over from a dead holder: to repair what the
     *                      holder left half-done
     */
    public RobustLock(MappedSegment seg, int at, Runnable afterTakeover) {
        this.seg = seg;
        this.at = at;
        this.afterTakeover = afterTakeover;
    }

    /** Takes the lock, waiting as long as a live process holds it. */
    public void lock() {
        long me = PID_BITS | (Thread.currentThread().getId() & 0xFFFF_FFFFL);
        if (seg.compareAndSetLong(at, 0, me)) {
            return;
        }
        BackoffIdleStrategy idle = new BackoffIdleStrategy(BackoffIdleStrategy.SPINS, BackoffIdleStrategy.YIELDS, 0, 0);
        long nextCheck = System.nanoTime() + LIVENESS_CHECK_NANOS;
        while (true) {
            long holder = seg.getLongVolatile(at);
            if (holder == 0) {
                if (seg.compareAndSetLong(at, 0, me)) {
                    return;
                }
                continue;
            }
            if (System.nanoTime() - nextCheck > 0) {
                nextCheck = System.nanoTime() + LIVENESS_CHECK_NANOS;
                if (holder >>> 32 != PID_BITS >>> 32 && ProcessLiveness.isDead(holder >>> 32)
                        && seg.compareAndSetLong(at, holder, me)) {
                    afterTakeover.run();
                    return;
                }
            }
            if (!idle.idle()) {
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
    }

    /**
     * @return whether a process that is gone holds the lock, so that the next {@link #lock} takes it over: for a
     *         waiter that does not take the lock itself but waits for what the holder was doing. One read of the word
     *         when the lock is free; a liveness check (a few µs) when it is held by another process.
     */
    public boolean heldByTheDead() {
        long holder = seg.getLongVolatile(at);
        return holder != 0 && holder >>> 32 != PID_BITS >>> 32 && ProcessLiveness.isDead(holder >>> 32);
    }

    /** Lets go; only the holder may call it. */
    public void unlock() {
        seg.putLongRelease(at, 0);
    }
}
