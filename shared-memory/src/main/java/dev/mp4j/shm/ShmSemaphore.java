package dev.mp4j.shm;

import dev.mp4j.Semaphore;
import dev.mp4j.runtime.Token;

import java.io.Serial;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link Semaphore} over a {@link SemaphoreLayout}. The count is one CAS'd word; the holder table records
 * which process holds how many permits so that a dead process's permits can be given back. Each update
 * changes the count and the table in the order that, should the process die in between, loses a permit
 * rather than minting one: acquire takes from the count first, release settles the table first.
 */
final class ShmSemaphore implements Semaphore {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(ShmSemaphore.class.getName());
    private static final long PID_BITS = ProcessLiveness.currentPid() << 32;

    private final transient MappedSegment seg;
    private final Token token;
    private final transient boolean bounded;
    private final transient int initial;
    private final transient ParkedWaiters parked;
    private transient int slotHint;

    ShmSemaphore(MappedSegment seg, Token token) {
        this.seg = seg;
        this.parked = new ParkedWaiters(seg, SemaphoreLayout.BELL);
        this.token = token;
        this.bounded = seg.getInt(SemaphoreLayout.BOUNDED) != 0;
        this.initial = seg.getInt(SemaphoreLayout.INITIAL);
    }

    static ShmSemaphore create(int permits, boolean bounded) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must not be negative: " + permits);
        }
        Kind kind = Kind.SEMAPHORE;
        MappedSegment seg = MappedSegment.create(Names.generate(), kind, SemaphoreLayout.SIZE);
        seg.putInt(SemaphoreLayout.AVAILABLE, permits);
        seg.putInt(SemaphoreLayout.INITIAL, permits);
        seg.putInt(SemaphoreLayout.BOUNDED, bounded ? 1 : 0);
        seg.publish();
        return new ShmSemaphore(Segments.adopt(seg), kind.token(seg.name()));
    }

    @Override
    public void acquire() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (!tryAcquire()) {
            await(-1);
        }
    }

    @Override
    public boolean tryAcquire() {
        for (;;) {
            int a = seg.getIntVolatile(SemaphoreLayout.AVAILABLE);
            if (a <= 0) {
                return false;
            }
            if (seg.compareAndSetInt(SemaphoreLayout.AVAILABLE, a, a - 1)) {
                addHold(1);
                return true;
            }
        }
    }

    @Override
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return tryAcquire() || await(Durations.toTimeoutNanos(timeout));
    }

    private boolean await(long timeoutNanos) throws InterruptedException {
        Wait w = new Wait(timeoutNanos, parked);
        try {
            for (;;) {
                if (w.livenessCheckDue()) {
                    recoverFromDead();
                }
                if (!w.pause()) {
                    return tryAcquire();
                }
                if (tryAcquire()) {
                    return true;
                }
            }
        } finally {
            w.done();
        }
    }

    @Override
    public void release() {
        int a = seg.getIntVolatile(SemaphoreLayout.AVAILABLE);
        checkRoom(a);
        boolean settled = settleHold();
        for (;;) {
            a = seg.getIntVolatile(SemaphoreLayout.AVAILABLE);
            try {
                checkRoom(a);
            } catch (IllegalStateException e) {
                if (settled) {
                    addHold(1);
                }
                throw e;
            }
            if (seg.compareAndSetInt(SemaphoreLayout.AVAILABLE, a, a + 1)) {
                if (!settled) {
                    seg.getAndAddInt(SemaphoreLayout.CREDIT, 1);
                }
                parked.wake();
                return;
            }
        }
    }

    private void checkRoom(int available) {
        if (bounded && available >= initial) {
            throw new IllegalStateException("bounded semaphore " + seg.name() + " released too many times: all "
                    + initial + " of its permits are available already");
        }
        if (available == Integer.MAX_VALUE) {
            throw new IllegalStateException("semaphore " + seg.name() + " would exceed Integer.MAX_VALUE permits");
        }
    }

    @Override
    public int availablePermits() {
        return Math.max(0, seg.getIntVolatile(SemaphoreLayout.AVAILABLE));
    }

    /**
     * Records one more permit held by this process, unless it came from a release that settled nobody's
     * permit (a signal from another process): that one is consumed for good, as in Python. Untracked if the
     * table is full.
     */
    private void addHold(int n) {
        for (int c = seg.getIntVolatile(SemaphoreLayout.CREDIT); c > 0; c = seg.getIntVolatile(SemaphoreLayout.CREDIT)) {
            if (seg.compareAndSetInt(SemaphoreLayout.CREDIT, c, c - 1)) {
                return;
            }
        }
        int hint = slotHint;
        for (int i = 0; i < SemaphoreLayout.HOLDER_SLOTS; i++) {
            int slot = (hint + i) % SemaphoreLayout.HOLDER_SLOTS;
            int off = SemaphoreLayout.holder(slot);
            for (;;) {
                long v = seg.getLongVolatile(off);
                long update;
                if (v == 0) {
                    update = PID_BITS | n;
                } else if (v >>> 32 == ProcessLiveness.currentPid()) {
                    update = v + n;
                } else {
                    break;
                }
                if (seg.compareAndSetLong(off, v, update)) {
                    slotHint = slot;
                    return;
                }
            }
        }
    }

    /** Removes one permit from this process's record, or else from another process's; false if none had one. */
    private boolean settleHold() {
        if (takeHold(true)) {
            return true;
        }
        return takeHold(false);
    }

    private boolean takeHold(boolean own) {
        for (int slot = 0; slot < SemaphoreLayout.HOLDER_SLOTS; slot++) {
            int off = SemaphoreLayout.holder(slot);
            for (;;) {
                long v = seg.getLongVolatile(off);
                if (v == 0 || (v >>> 32 == ProcessLiveness.currentPid()) != own) {
                    break;
                }
                long count = v & 0xFFFF_FFFFL;
                long update = count <= 1 ? 0 : v - 1;
                if (seg.compareAndSetLong(off, v, update)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Gives back the permits of processes that died holding them. */
    private void recoverFromDead() {
        for (int slot = 0; slot < SemaphoreLayout.HOLDER_SLOTS; slot++) {
            int off = SemaphoreLayout.holder(slot);
            long v = seg.getLongVolatile(off);
            long pid = v >>> 32;
            if (v == 0 || pid == ProcessLiveness.currentPid() || !ProcessLiveness.isDeadCached(pid)
                    || !seg.compareAndSetLong(off, v, 0)) {
                continue;
            }
            int count = (int) (v & 0xFFFF_FFFFL);
            for (;;) {
                int a = seg.getIntVolatile(SemaphoreLayout.AVAILABLE);
                int back = bounded ? Math.min(count, Math.max(0, initial - a)) : count;
                if (seg.compareAndSetInt(SemaphoreLayout.AVAILABLE, a, a + back)) {
                    parked.wake();
                    break;
                }
            }
            LOG.log(Level.DEBUG, () -> "gave back " + count + " permits of dead process " + pid + " to " + seg.name());
        }
    }

    /** @return the threads, in every process, asleep in an acquire until a release rings them */
    int sleepers() {
        return parked.registered();
    }

    @Override
    public String toString() {
        return (bounded ? "BoundedSemaphore[" : "Semaphore[") + seg.name() + ", available=" + availablePermits() + "]";
    }

    @Serial
    private Object writeReplace() {
        return token;
    }
}
