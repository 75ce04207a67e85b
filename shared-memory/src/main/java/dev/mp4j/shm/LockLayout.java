package dev.mp4j.shm;

/**
 * A lock's fields, relative to where the lock starts (a block of its own, or the lock line inside a shared
 * value or a barrier). One cache line, so a contended lock does not slow its neighbours.
 *
 * <pre>
 *  0  OWNER    long  0 = free; else (pid &lt;&lt; 32) | thread id of the holder
 *  8  HOLDS    int   hold count, written only by the holder (RLock)
 * 12  PARKED   int   waiters that reached the park stage (diagnostics)
 * 16..63            padding
 * </pre>
 */
final class LockLayout {
    static final int OWNER = 0;
    static final int HOLDS = 8;
    static final int PARKED = 12;
    /** Bytes a lock occupies inside another structure. */
    static final int LINE = Header.CACHE_LINE;
    /** Bytes of a block that holds only a lock. */
    static final int SIZE = Header.SIZE + LINE;
    /** Where the lock starts in a block of its own. */
    static final int BASE = Header.SIZE;

    private LockLayout() {
    }
}
