package dev.mp4j.transport.shm;

import dev.mp4j.shm.MappedSegment;
import dev.mp4j.shm.RobustLock;

/**
 * A lock word in shared memory that survives its holder's death, with a redo journal for the holder's changes.
 *
 * <p><b>Robust.</b> The lock is a {@link RobustLock}: a waiter takes it over from a holder whose process died.
 *
 * <p><b>Journaled.</b> A change of several words in shared memory ({@link #stage} each, then {@link #commit}) is
 * written to the journal first; one release store of the entry count makes it count, the words are then stored,
 * and the count is cleared. Whoever takes the lock over from a dead holder replays a counted journal before it
 * goes on, so a process killed in the middle of a change leaves it done whole or not at all: the stores are
 * idempotent.
 *
 * <pre>
 *  0   COUNT    long       entries of a committed change being applied; 0 otherwise
 *  8   ENTRIES  (long offset, long value) x capacity
 * </pre>
 */
final class JournaledLock {
    private final MappedSegment seg;
    private final int journalAt;
    private final int capacity;
    private final RobustLock lock;
    /** Entries staged by the holder; only the holding thread touches it. */
    private int staged;

    /**
     * @param afterTakeover run after replaying a dead holder's journal, still holding the lock: for a holder that
     *                      may have held a second lock too
     */
    JournaledLock(MappedSegment seg, int lockAt, int journalAt, int capacity, Runnable afterTakeover) {
        this.seg = seg;
        this.journalAt = journalAt;
        this.capacity = capacity;
        this.lock = new RobustLock(seg, lockAt, () -> {
            replay();
            afterTakeover.run();
        });
    }

    /** @return the bytes a journal of {@code entries} entries takes */
    static int bytes(int entries) {
        return Long.BYTES + entries * 2 * Long.BYTES;
    }

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /** @return whether a dead process holds the lock, maybe with a change counted in the journal and not yet done */
    boolean heldByTheDead() {
        return lock.heldByTheDead();
    }

    /** Stages a store of {@code value} at {@code offset} (a long) of the segment, for the next {@link #commit}. */
    void stage(int offset, long value) {
        if (staged == capacity) {
            throw new IllegalStateException("a journal of " + capacity + " entries is full");
        }
        int at = journalAt + Long.BYTES + staged * 2 * Long.BYTES;
        seg.putLong(at, offset);
        seg.putLong(at + Long.BYTES, value);
        staged++;
    }

    /** Makes the staged stores count, then does them: each with release semantics, in the order staged. */
    void commit() {
        seg.putLongRelease(journalAt, staged);
        staged = 0;
        replay();
    }

    /** Does the stores of a counted journal, then clears it; nothing if none is counted. */
    private void replay() {
        long n = seg.getLongAcquire(journalAt);
        for (int i = 0; i < n; i++) {
            int at = journalAt + Long.BYTES + i * 2 * Long.BYTES;
            seg.putLongRelease((int) seg.getLong(at), seg.getLong(at + Long.BYTES));
        }
        seg.putLongRelease(journalAt, 0);
        staged = 0;
    }
}
