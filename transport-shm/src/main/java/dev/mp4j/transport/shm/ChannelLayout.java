package dev.mp4j.transport.shm;

import dev.mp4j.shm.HolderTable;
import dev.mp4j.shm.ParkedWaiters;

/**
 * The layout of a channel's base file: one queue, pipe or server, in {@code /dev/shm}. No offset into a channel's
 * files is written anywhere else.
 *
 * <pre>
 *    0  MAGIC        int   "mp4s", stored last by the creator
 *    4  VERSION      int   {@value #LAYOUT_VERSION}
 *    8  KIND         int   {@link #QUEUE}, {@link #PIPE} or {@link #SERVER}
 *   12  CAPACITY     int   a queue's bound in items, 0 for none
 *   16  JOINABLE     int   1 if it counts unfinished items
 *   20  DUPLEX       int   1 if a pipe carries messages both ways
 *   24  HIGH_WATER   long  the unread bytes of a ring at which its producers wait: an unbounded queue's in
 *                          offer, a pipe's in awaitWritable ({@link dev.mp4j.spi.HighWaterMark}); 0 for never
 *   32  CREATOR      long  the pid of the process that made it (a server's: the process that accepts)
 *   40  DONE         long  a joinable queue's items done; unfinished = ring 0's TAIL_SEQ - DONE
 *   64  JOIN_WAITERS       {@link ParkedWaiters}: threads in join()
 *  192  RINGS        {@link #RINGS} rings of {@value #RING_STRIDE} bytes: ring r holds the items to pipe end r,
 *                    or a queue's items (r = 0)
 *       TABLE        the {@link HolderTable}: who holds which end, copies in flight, and GONE
 * </pre>
 *
 * A ring, relative to its start; the tail half is written by producers under TAIL_LOCK, the head half by consumers
 * under HEAD_LOCK, each on cache lines of its own:
 * <pre>
 *    0  TAIL_LOCK        long
 *    8  TAIL_JOURNAL     a redo journal ({@link JournaledLock}) of {@value #TAIL_ENTRIES} entries
 *   64  TAIL_SEQ         long  items ever appended
 *   72  TAIL_POS         long  where the next record goes, in bytes from the start of this generation
 *   80  BIG_IN           long  bytes of big items ever appended (their files; their records are in TAIL_POS)
 *  128  HEAD_LOCK        long
 *  136  HEAD_JOURNAL     {@value #HEAD_ENTRIES} entries
 *  216  HEAD_SEQ         long  items ever removed
 *  224  HEAD_POS         long  where the next record to read starts
 *  232  GEN              long  the generation of the data file, which grows by replacement
 *  240  DATA_BYTES       long  its size, a power of two
 *  248  BIG_OUT          long  bytes of big items ever removed; unread bytes = TAIL_POS - HEAD_POS + BIG_IN - BIG_OUT
 *  256  NOT_EMPTY        {@link ParkedWaiters}: consumers waiting for an item
 *  320  NOT_FULL         {@link ParkedWaiters}: producers waiting for room
 *  384
 * </pre>
 *
 * A ring's records live in its data file, {@code <base name>~d<ring>-<gen>} (a part of the base file, in
 * the shared-memory module's terms), positions taken modulo its size. A
 * record is 8-byte aligned: {@code [int length][int type]}, then for {@link #INLINE} the item, for
 * {@link #BIG} the name of the file that holds it ({@code [int name length][name]}), and {@link #PAD} fills the
 * end of the file when the next record does not fit before it.
 */
final class ChannelLayout {
    static final int MAGIC = 0x6d703473; // "mp4s"
    static final int LAYOUT_VERSION = 3;

    static final int QUEUE = 1;
    static final int PIPE = 2;
    static final int SERVER = 3;

    static final int MAGIC_AT = 0;
    static final int VERSION_AT = 4;
    static final int KIND_AT = 8;
    static final int CAPACITY_AT = 12;
    static final int JOINABLE_AT = 16;
    static final int DUPLEX_AT = 20;
    static final int HIGH_WATER_AT = 24;
    static final int CREATOR_AT = 32;
    static final int DONE_AT = 40;
    static final int JOIN_WAITERS_AT = 64;

    static final int RINGS = 2;
    static final int RINGS_AT = 192;
    static final int RING_STRIDE = 384;

    static final int TAIL_LOCK = 0;
    static final int TAIL_JOURNAL = 8;
    static final int TAIL_ENTRIES = 3;
    static final int TAIL_SEQ = 64;
    static final int TAIL_POS = 72;
    static final int BIG_IN = 80;
    static final int HEAD_LOCK = 128;
    static final int HEAD_JOURNAL = 136;
    static final int HEAD_ENTRIES = 4;
    static final int HEAD_SEQ = 216;
    static final int HEAD_POS = 224;
    static final int GEN = 232;
    static final int DATA_BYTES = 240;
    static final int BIG_OUT = 248;
    static final int NOT_EMPTY = 256;
    static final int NOT_FULL = 320;

    static final int TABLE_AT = RINGS_AT + RINGS * RING_STRIDE;
    /** 1 once the last holder let go: nobody may attach (the table's word, read by rings growing). */
    static final int GONE_AT = TABLE_AT + HolderTable.GONE_AT;
    static final int BASE_BYTES = TABLE_AT + HolderTable.BYTES;

    /** The end under which a queue's (or a server's) handles are counted in the holder table. */
    static final int QUEUE_HOLDER = HolderTable.HANDLE;

    // records
    static final int RECORD_HEADER = 8;
    static final int INLINE = 1;
    static final int BIG = 2;
    static final int PAD = 3;
    /** The largest item kept in the ring itself; a larger one travels in a file of its own. */
    static final int INLINE_MAX = 32 << 10;
    /** A ring's first data file: enough for a few of the largest inline items. */
    static final int FIRST_DATA_BYTES = 128 << 10;
    /** The largest data file: a power of two that a mapping can address. */
    static final int MAX_DATA_BYTES = 1 << 30;

    static {
        if (JOIN_WAITERS_AT + ParkedWaiters.BYTES > RINGS_AT || NOT_EMPTY + ParkedWaiters.BYTES > NOT_FULL
                || NOT_FULL + ParkedWaiters.BYTES > RING_STRIDE
                || TAIL_JOURNAL + JournaledLock.bytes(TAIL_ENTRIES) > TAIL_SEQ || BIG_IN + Long.BYTES > HEAD_LOCK
                || BIG_OUT + Long.BYTES > NOT_EMPTY || HIGH_WATER_AT + Long.BYTES > CREATOR_AT
                || HEAD_JOURNAL + JournaledLock.bytes(HEAD_ENTRIES) > HEAD_SEQ) {
            throw new AssertionError("overlapping channel layout");
        }
    }

    private ChannelLayout() {}

    static int ring(int r) {
        return RINGS_AT + r * RING_STRIDE;
    }

    /** The bytes a record of {@code payload} bytes takes, header and padding included. */
    static int recordBytes(int payload) {
        return RECORD_HEADER + ((payload + 7) & ~7);
    }
}
