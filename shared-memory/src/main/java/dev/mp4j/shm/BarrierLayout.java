package dev.mp4j.shm;

/**
 * A barrier's block. Every field but the lock changes only under the barrier's own lock, which is held
 * for a few instructions (and while the action runs), never while a party waits.
 *
 * <pre>
 *   0..63  header
 *  64..127 LOCK        the barrier's lock ({@link LockLayout})
 * 128  PARTIES     int
 * 132  COUNT       int   parties arrived in this generation
 * 136  BROKEN      int   1 while this generation is broken
 * 140  (padding)
 * 144  GENERATION  long  passes and resets so far
 * 152  OUTCOMES    long  bit g % 64 set if generation g ended broken
 * 160..191             padding
 * 192  ARRIVALS    int[MAX_PARTIES]  pid of the party with arrival index i
 * </pre>
 */
final class BarrierLayout {
    static final int LOCK = Header.SIZE;
    static final int PARTIES = LOCK + LockLayout.LINE;
    static final int COUNT = PARTIES + 4;
    static final int BROKEN = PARTIES + 8;
    static final int GENERATION = PARTIES + 16;
    static final int OUTCOMES = PARTIES + 24;
    static final int ARRIVALS = PARTIES + Header.CACHE_LINE;
    static final int MAX_PARTIES = 256;
    static final int SIZE = ARRIVALS + MAX_PARTIES * Integer.BYTES;

    private BarrierLayout() {
    }

    static int arrival(int index) {
        return ARRIVALS + index * Integer.BYTES;
    }
}
