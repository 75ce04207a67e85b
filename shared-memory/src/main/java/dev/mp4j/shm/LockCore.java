package dev.mp4j.shm;

import java.lang.System.Logger.Level;

/**
 * The state machine of a robust cross-process lock, over the fields of a {@link LockLayout} at
 * {@code base} in a segment. The owner word names the holding thread as {@code (pid << 32) | thread id};
 * a CAS from 0 acquires, a CAS back to 0 frees (a full fence, so the read of the parked-waiter count that
 * follows cannot move before it). A waiter that has parked for a liveness interval
 * checks whether the owner's process still lives and, if not, takes the lock over with a CAS from the dead
 * owner's word, so exactly one waiter wins. A pid can be reused by a new process: the holder also records its
 * process's start time, tagged with its pid, and a waiter treats a live process that started at another time as
 * the dead holder's successor, not the holder. (Between a takeover's CAS and its write of the start time, a
 * waiter sees the dead holder's record; it is tagged with the old pid, so it counts only if that pid was reused.)
 */
final class LockCore {
    private static final System.Logger LOG = System.getLogger(LockCore.class.getName());
    private static final long PID_BITS = ProcessLiveness.currentPid() << 32;
    /** This process's {@link LockLayout#STARTED} record. */
    private static final long STARTED = PID_BITS
            | (ProcessLiveness.startMillis(ProcessLiveness.currentPid()) / 1000 & 0xFFFF_FFFFL);

    final MappedSegment seg;
    final boolean reentrant;
    private final int owner;
    private final int holds;
    private final int started;
    private final ParkedWaiters parked;

    LockCore(MappedSegment seg, int base, boolean reentrant) {
        this.seg = seg;
        this.reentrant = reentrant;
        this.owner = base + LockLayout.OWNER;
        this.holds = base + LockLayout.HOLDS;
        this.started = base + LockLayout.STARTED;
        this.parked = new ParkedWaiters(seg, base + LockLayout.BELL);
    }

    @SuppressWarnings("deprecation") // Thread.threadId() arrives in 19; getId() is the same number
    static long currentOwner() {
        return PID_BITS | (Thread.currentThread().getId() & 0xFFFF_FFFFL);
    }

    /** One attempt; a reentrant lock already held by this thread counts one more hold. */
    boolean tryAcquire(long me) {
        if (seg.compareAndSetLong(owner, 0, me)) {
            seg.putLong(started, STARTED);
            if (reentrant) {
                seg.putInt(holds, 1);
            }
            return true;
        }
        if (reentrant && seg.getLong(owner) == me) {
            seg.putInt(holds, seg.getInt(holds) + 1);
            return true;
        }
        return false;
    }

    /**
     * Blocks until acquired or the time runs out.
     *
     * @param timeoutNanos at most this long; negative for no limit
     * @return false if the deadline passed first
     */
    boolean acquire(long me, long timeoutNanos, boolean interruptibly) throws InterruptedException {
        Wait wait = new Wait(timeoutNanos, parked);
        try {
            for (;;) {
                if (tryAcquire(me)) {
                    return true;
                }
                if (wait.livenessCheckDue() && takeOverFromDead(me)) {
                    return true;
                }
                boolean more = interruptibly ? wait.pause() : wait.pauseUninterruptibly();
                if (!more) {
                    return tryAcquire(me);
                }
            }
        } finally {
            wait.done();
            wait.restoreInterrupt();
        }
    }

    void acquireUninterruptibly(long me) {
        try {
            acquire(me, -1, false);
        } catch (InterruptedException impossible) {
            throw new AssertionError(impossible);
        }
    }

    private boolean takeOverFromDead(long me) {
        long cur = seg.getLongVolatile(owner);
        long pid = cur >>> 32;
        if (cur == 0 || pid == ProcessLiveness.currentPid() || !holderGone(pid)) {
            return false;
        }
        if (!seg.compareAndSetLong(owner, cur, me)) {
            return false;
        }
        seg.putLong(started, STARTED);
        if (reentrant) {
            seg.putInt(holds, 1);
        }
        LOG.log(Level.DEBUG, () -> "took over lock " + seg.name() + " from dead process " + pid);
        return true;
    }

    /** @return whether the holder's process ended, or its pid now names a process that started at another time */
    private boolean holderGone(long pid) {
        long record = seg.getLongVolatile(started);
        long startSecond = record & 0xFFFF_FFFFL;
        if ((record >>> 32) != pid || startSecond == 0) {
            return ProcessLiveness.isDead(pid);
        }
        return ProcessLiveness.isGone(pid, startSecond * 1000);
    }

    boolean isHeldBy(long me) {
        return seg.getLongVolatile(owner) == me;
    }

    boolean isLocked() {
        return seg.getLongVolatile(owner) != 0;
    }

    int holdCount(long me) {
        if (seg.getLongVolatile(owner) != me) {
            return 0;
        }
        return reentrant ? seg.getInt(holds) : 1;
    }

    /**
     * Releases one hold of the calling thread. The last hold goes with one CAS from the caller's own word to
     * 0: it proves the caller holds the lock and frees it with a full fence in one atomic step.
     */
    void release(long me) {
        if (reentrant) {
            if (seg.getLong(owner) != me) {
                throw notHeld("unlock");
            }
            int h = seg.getInt(holds);
            if (h > 1) {
                seg.putInt(holds, h - 1);
                return;
            }
            seg.putInt(holds, 0);
        }
        if (seg.getLong(owner) != me) {
            throw notHeld("unlock");
        }
        seg.putLong(started, 0);
        if (!seg.compareAndSetLong(owner, me, 0)) {
            throw notHeld("unlock");
        }
        parked.wake();
    }

    /** Releases every hold (for a condition wait); returns the count to restore. */
    int releaseFully(long me) {
        if (seg.getLong(owner) != me) {
            throw notHeld("await on a condition of");
        }
        int saved = reentrant ? seg.getInt(holds) : 1;
        if (reentrant) {
            seg.putInt(holds, 0);
        }
        seg.putLong(started, 0);
        seg.putLongVolatile(owner, 0);
        parked.wake();
        return saved;
    }

    void reacquire(long me, int saved) {
        acquireUninterruptibly(me);
        if (reentrant) {
            seg.putInt(holds, saved);
        }
    }

    IllegalMonitorStateException notHeld(String action) {
        long cur = seg.getLongVolatile(owner);
        String state = cur == 0 ? "it is not locked"
                : (cur >>> 32) == ProcessLiveness.currentPid() ? "another thread of this process holds it"
                : "process " + (cur >>> 32) + " holds it";
        return new IllegalMonitorStateException("cannot " + action + " lock " + seg.name()
                + ": the current thread does not hold it (" + state + ")");
    }

    /** @return the threads, in every process, asleep waiting for the lock until a release rings them */
    int sleepers() {
        return parked.registered();
    }
}
