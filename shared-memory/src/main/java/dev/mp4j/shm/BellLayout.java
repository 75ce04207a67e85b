package dev.mp4j.shm;

/**
 * The parked-waiter table every blocking structure carries, relative to where it starts: which processes
 * have a thread parked on the structure, so that a signaller knows whose {@link Bell} to ring.
 *
 * <pre>
 *  0  COUNT  int      threads registered now; a signaller reads only this word while nobody waits
 *  4         padding
 *  8  SLOTS  long[6]  (pid &lt;&lt; 32) | threads of that process registered; 0 = free slot
 * 56
 * </pre>
 * Waiters of more than {@value #SLOTS} processes at once do not register and fall back to timed polling.
 */
final class BellLayout {
    static final int COUNT = 0;
    static final int SLOTS_OFFSET = 8;
    static final int SLOTS = 6;
    static final int SIZE = SLOTS_OFFSET + SLOTS * Long.BYTES;

    private BellLayout() {
    }

    static int slot(int i) {
        return SLOTS_OFFSET + i * Long.BYTES;
    }
}
