package dev.mp4j.shm;

/**
 * A lock's fields, relative to where the lock starts (a block of its own, or the lock line inside a shared
 * value or a barrier). Two cache lines of its own, so a contended lock does not slow its neighbours.
 *
 * <pre>
 *  0  OWNER    long  0 = free; else (pid &lt;&lt; 32) | thread id of the holder
 *  8  HOLDS    int   hold count, written only by the holder (RLock)
 * 12                padding
 * 16  BELL           parked waiters ({@link BellLayout})
 * 72  STARTED  long  (pid &lt;&lt; 32) | start second of the holder's process, written by the holder after it took
 *                   OWNER and cleared before it frees it; 0 or another pid's: unknown
 * 80..127           padding
 * </pre>
 */
final class LockLayout {
    static final int OWNER = 0;
    static final int HOLDS = 8;
    static final int BELL = 16;
    static final int STARTED = 72;
    /** Bytes a lock occupies inside another structure. */
    static final int LINE = 2 * Header.CACHE_LINE;
    /** Bytes of a block that holds only a lock. */
    static final int SIZE = Header.SIZE + LINE;
    /** Where the lock starts in a block of its own. */
    static final int BASE = Header.SIZE;

    private LockLayout() {
    }
}
