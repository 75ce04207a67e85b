package dev.mp4j.shm;

/**
 * A condition's block: a ring of waiter tickets, so that {@code signal(n)} wakes exactly the n longest
 * waiters. Fields other than the slots change only under the condition's lock.
 *
 * <pre>
 *   0..63  header
 *  64  NEXT   long  next ticket to hand out
 *  72  HEAD   long  oldest ticket signal has not yet passed
 *  80..127        padding
 * 128  BELL   parked waiters ({@link BellLayout}), to 191
 * 192  SLOTS  long[SLOTS]  slot of ticket t at index t % SLOTS:
 *                          (t &amp; 0xFFFFFFFF) &lt;&lt; 32 | state &lt;&lt; 30 | pid
 * </pre>
 */
final class ConditionLayout {
    static final int NEXT = Header.SIZE;
    static final int HEAD = NEXT + 8;
    static final int BELL = Header.SIZE + Header.CACHE_LINE;
    static final int SLOTS_OFFSET = BELL + Header.CACHE_LINE;
    static final int SLOTS = 256;
    static final int SIZE = SLOTS_OFFSET + SLOTS * Long.BYTES;

    static final long WAITING = 1;
    static final long SIGNALLED = 2;
    static final long CANCELLED = 3;

    private ConditionLayout() {
    }

    static int slot(long ticket) {
        return SLOTS_OFFSET + (int) (ticket & (SLOTS - 1)) * Long.BYTES;
    }

    static long encode(long ticket, long state, long pid) {
        return (ticket & 0xFFFF_FFFFL) << 32 | state << 30 | pid;
    }

    static boolean isTicket(long slot, long ticket) {
        return slot >>> 32 == (ticket & 0xFFFF_FFFFL);
    }

    static long state(long slot) {
        return slot >>> 30 & 3;
    }

    static long pid(long slot) {
        return slot & 0x3FFF_FFFFL;
    }
}
