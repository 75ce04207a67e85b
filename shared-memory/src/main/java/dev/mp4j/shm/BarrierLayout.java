package dev.mp4j.shm;

/**
 * A barrier's block. Every field but the lock changes only under the barrier's own lock, which is held
 * for a few instructions (and while the action runs), never while a party waits.
 *
 * <pre>
 *   0..63  header
 *  64..191 LOCK        the barrier's lock ({@link LockLayout})
 * 192  PARTIES     int
 * 196  COUNT       int   parties arrived in this generation
 * 200  BROKEN      int   1 while this generation is broken
 * 204  (padding)
 * 208  GENERATION  long  passes and resets so far
 * 216  OUTCOMES    long  bit g % 64 set if generation g ended broken
 * 224..255             padding
 * 256  BELL        parties parked waiting for the pass ({@link BellLayout}), to 319
 * 320  ARRIVALS    int[MAX_PARTIES]  pid of the party with arrival index i
 * </pre>
 */
final class BarrierLayout {
    static final int LOCK = Header.SIZE;
    static final int PARTIES = LOCK + LockLayout.LINE;
    static final int COUNT = PARTIES + 4;
    static final int BROKEN = PARTIES + 8;
    static final int GENERATION = PARTIES + 16;
    static final int OUTCOMES = PARTIES + 24;
    static final int BELL = PARTIES + Header.CACHE_LINE;
    static final int ARRIVALS = BELL + Header.CACHE_LINE;
    static final int MAX_PARTIES = 256;
    static final int SIZE = ARRIVALS + MAX_PARTIES * Integer.BYTES;

    private BarrierLayout() {
    }

    static int arrival(int index) {
        return ARRIVALS + index * Integer.BYTES;
    }
}
