package dev.mp4j.shm;

/**
 * A shared value's or array's block: its lock (Python's {@code get_lock()}) on its own cache line, then
 * the elements, 8-byte aligned so every element can be read and swapped atomically.
 *
 * <pre>
 *   0..63  header
 *  64  LENGTH   int   number of elements
 *  68..127        padding
 * 128..255 LOCK   the value's RLock ({@link LockLayout})
 * 256  ELEMENTS  length × element size
 * </pre>
 */
final class ValueLayout {
    static final int LENGTH = Header.SIZE;
    static final int LOCK = Header.SIZE + Header.CACHE_LINE;
    static final int ELEMENTS = LOCK + LockLayout.LINE;

    private ValueLayout() {
    }

    /** @return the most elements of this size one block can hold: a block's size is an {@code int} */
    static long maxLength(int elementBytes) {
        return (Integer.MAX_VALUE - ELEMENTS) / elementBytes;
    }

    static int sizeFor(int length, int elementBytes) {
        return Math.toIntExact(ELEMENTS + (long) length * elementBytes);
    }

    static int element(int index, int elementBytes) {
        return ELEMENTS + index * elementBytes;
    }
}
