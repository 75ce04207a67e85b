package dev.mp4j.shm;

/**
 * A semaphore's block.
 *
 * <pre>
 *   0..63   header
 *  64  AVAILABLE int   permits free now
 *  68  INITIAL   int   permits at creation (the bound of a bounded semaphore)
 *  72  BOUNDED   int   1 if releases above INITIAL are refused
 *  76  CREDIT    int   releases that settled no holder's permit: the next acquires consume them unrecorded,
 *                      so a permit one process released for another is never given back when the taker ends
 *  80..127            padding
 * 128  BELL      parked waiters ({@link BellLayout}), to 191
 * 192  HOLDERS   long[HOLDER_SLOTS]  (pid &lt;&lt; 32) | permits held by that process; 0 = free slot
 * </pre>
 * The holder table is what makes permits robust: permits of a dead process are given back.
 */
final class SemaphoreLayout {
    static final int AVAILABLE = Header.SIZE;
    static final int INITIAL = AVAILABLE + 4;
    static final int BOUNDED = AVAILABLE + 8;
    static final int CREDIT = AVAILABLE + 12;
    static final int BELL = Header.SIZE + Header.CACHE_LINE;
    static final int HOLDERS = BELL + Header.CACHE_LINE;
    static final int HOLDER_SLOTS = 64;
    static final int SIZE = HOLDERS + HOLDER_SLOTS * Long.BYTES;

    private SemaphoreLayout() {
    }

    static int holder(int slot) {
        return HOLDERS + slot * Long.BYTES;
    }
}
