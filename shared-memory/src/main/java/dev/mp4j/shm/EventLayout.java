package dev.mp4j.shm;

/**
 * An event's block.
 *
 * <pre>
 *   0..63  header
 *  64  STATE   long  (sets &lt;&lt; 1) | flag: flag 1 = set; sets counts set() calls that changed the flag
 *                    from 0 to 1, so that a waiter wakes even if clear() follows at once. One word, so
 *                    that a waiter never sees the flag and the count out of step.
 *  72  BELL          parked waiters ({@link BellLayout}), to 127
 * </pre>
 */
final class EventLayout {
    static final int STATE = Header.SIZE;
    static final int BELL = STATE + 8;
    static final long FLAG = 1;
    static final int SIZE = Header.SIZE + Header.CACHE_LINE;

    private EventLayout() {
    }
}
