package dev.mp4j.shm;

import java.lang.invoke.VarHandle;

/**
 * One structure's table of parked waiters ({@link BellLayout} at {@code base}): waiters register before
 * they park, signallers ring the registered processes after they change the structure. Both sides use
 * full-fence atomics (the waiter's CAS then its re-check; the signaller's state change then its read of
 * the count), so either the waiter sees the new state or the signaller sees the waiter. Waiters use it through
 * {@link Wait}; signallers call {@link #wake()}, which costs one volatile read while nobody sleeps. Thread-safe.
 */
public final class ParkedWaiters {
    /** The bytes a table takes in its segment, from an offset that is a multiple of 8. */
    public static final int BYTES = BellLayout.SIZE;

    private static final long PID_BITS = ProcessLiveness.currentPid() << 32;

    private final MappedSegment seg;
    private final int count;
    private final int base;

    /**
     * @param seg  the segment holding the table
     * @param base where the table starts: a multiple of 8, with {@link #BYTES} bytes that start out zero
     */
    public ParkedWaiters(MappedSegment seg, int base) {
        this.seg = seg;
        this.base = base;
        this.count = base + BellLayout.COUNT;
    }

    /**
     * Registers the calling thread; false if there is no bell or no free slot (the waiter then polls). The count
     * goes up before a slot does, and down after one does: a process killed between the two leaves the count too
     * high (a signaller scans the slots in vain) and never too low (a sleeper nobody rings).
     */
    boolean register() {
        if (!Bell.listen()) {
            return false;
        }
        Bell.addSleeper(Thread.currentThread());
        seg.getAndAddInt(count, 1);
        for (int i = 0; i < BellLayout.SLOTS; i++) {
            int off = base + BellLayout.slot(i);
            for (;;) {
                long v = seg.getLongVolatile(off);
                long update;
                if (v == 0) {
                    update = PID_BITS | 1;
                } else if (v >>> 32 == ProcessLiveness.currentPid()) {
                    update = v + 1;
                } else {
                    break;
                }
                if (seg.compareAndSetLong(off, v, update)) {
                    return true;
                }
            }
        }
        seg.getAndAddInt(count, -1);
        Bell.removeSleeper(Thread.currentThread());
        return false;
    }

    /**
     * @return how many threads are registered now, in every process: each of them is past the point where a change
     *         could pass it unseen (for tests that must know a waiter waits, and for diagnostics)
     */
    int registered() {
        return seg.getIntVolatile(count);
    }

    void deregister() {
        for (int i = 0; i < BellLayout.SLOTS; i++) {
            int off = base + BellLayout.slot(i);
            for (;;) {
                long v = seg.getLongVolatile(off);
                if (v == 0 || v >>> 32 != ProcessLiveness.currentPid()) {
                    break;
                }
                long update = (v & 0xFFFF_FFFFL) <= 1 ? 0 : v - 1;
                if (seg.compareAndSetLong(off, v, update)) {
                    seg.getAndAddInt(count, -1);
                    Bell.removeSleeper(Thread.currentThread());
                    return;
                }
            }
        }
        // a signaller found this process's bell dead and cleared its slot, subtracting its threads already
        Bell.removeSleeper(Thread.currentThread());
    }

    /**
     * Rings every process with a parked waiter; call after a change waiters may be waiting for. Starts with a full
     * fence: a release store of the change followed by a plain volatile read of the count may be reordered (on
     * x86 the store waits in the store buffer), and then a waiter that registered and re-checked in between
     * would sleep unrung.
     */
    public void wake() {
        VarHandle.fullFence();
        if (seg.getIntVolatile(count) == 0) {
            return;
        }
        ring();
    }

    /**
     * {@link #wake()} without its fence, for a hot path whose waiters are rare and sleep with a bound: a waiter that
     * registers at this very moment may be missed, and then looks again on its own at the end of its sleep (a
     * {@link LazyWait}'s bound), or is rung by the next change. Costs one read of a word only waiters write, which
     * stays in the caller's cache while nobody waits.
     */
    public void wakeIfWaiting() {
        if (seg.getIntAcquire(count) != 0) {
            ring();
        }
    }

    private void ring() {
        for (int i = 0; i < BellLayout.SLOTS; i++) {
            int off = base + BellLayout.slot(i);
            long v = seg.getLongVolatile(off);
            if (v != 0 && !Bell.ring(v >>> 32) && seg.compareAndSetLong(off, v, 0)) {
                seg.getAndAddInt(count, -(int) (v & 0xFFFF_FFFFL));
            }
        }
    }
}
