package dev.mp4j.shm;

/**
 * An event's block.
 *
 * <pre>
 *   0..63  header
 *  64  FLAG    int  1 = set
 *  68  SETS    int  times set() changed FLAG from 0 to 1, so that a waiter wakes even if clear() follows at once
 *  72..127         padding
 * </pre>
 */
final class EventLayout {
    static final int FLAG = Header.SIZE;
    static final int SETS = FLAG + 4;
    static final int SIZE = Header.SIZE + Header.CACHE_LINE;

    private EventLayout() {
    }
}
