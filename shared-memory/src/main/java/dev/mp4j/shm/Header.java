package dev.mp4j.shm;

/**
 * The first cache line of every block that holds an mp4j structure (not of a {@code SharedMemory} block,
 * whose bytes are all the user's). It lets an attaching process refuse a block of another kind or layout
 * version instead of misreading it.
 */
final class Header {
    /** "mp4j" in ASCII. */
    static final int MAGIC = 0x6D70346A;
    static final int VERSION = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int KIND_OFFSET = 8;
    /** Where a structure's own fields start: the header owns a whole cache line. */
    static final int SIZE = 64;

    static final int CACHE_LINE = 64;

    private Header() {
    }
}
