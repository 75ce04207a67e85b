package dev.mp4j.transport.chronicle;

import dev.mp4j.shm.HolderTable;
import dev.mp4j.shm.ParkedWaiters;

/**
 * The state of a chronicle queue or pipe, next to its journals: a segment in the shared-memory folder
 * ({@code mp4j-chronq-<pid>-<n>-<random>}, its Chronicle queues in the folder part {@code <segment>~q}), or for a
 * durable queue the file {@code <name>.state} beside its journal folder {@code <name>}. No offset into it is written
 * anywhere else.
 *
 * <pre>
 *    0  MAGIC        int   "mp4q", stored last by the creator
 *    4  VERSION      int   {@value #LAYOUT_VERSION}
 *    8  KIND         int   {@link #QUEUE} or {@link #PIPE}
 *   12  CAPACITY     int   a queue's bound in items, 0 for none
 *   16  JOINABLE     int   1 if it counts unfinished items
 *   20  DUPLEX       int   1 if a pipe carries messages both ways
 *   24  DONE         long  a joinable queue's items done; unfinished = stream 0's PUT - DONE
 *   32  HIGH_WATER   long  the unread bytes of a stream at which an unbounded queue's producers, or a pipe's
 *                          senders, wait ({@link dev.mp4j.spi.HighWaterMark}); 0 for never, as for a durable queue
 *   64  JOIN_WAITERS       {@link ParkedWaiters}: threads in join()
 *  128  STREAMS      2 x {@value #STREAM_STRIDE} bytes: stream s holds the items to pipe end s, or a queue's (s = 0)
 *       TABLE        the {@link HolderTable}: which processes hold which end (not used by a durable queue)
 * </pre>
 *
 * A stream, relative to its start: one Chronicle queue ({@code <folder>/<s>}) and the words that share it out.
 * <pre>
 *    0  HEAD         long  the journal index after the last item taken: the next document from there is the next
 *                          item (0: from the journal's start); consumers claim an item by moving it on, with a CAS
 *    8  PUT          long  items ever put: counted before the append, so that join never misses one in flight
 *   16  TAKEN        long  items ever taken
 *   24  RESERVED     long  a bounded queue's room taken by producers: at most TAKEN + CAPACITY
 *   32  PUT_BYTES    long  bytes of items ever put, counted with PUT
 *   40  TAKEN_BYTES  long  bytes of items ever taken, counted after the claim; unread = PUT_BYTES - TAKEN_BYTES
 *   64  NOT_EMPTY          {@link ParkedWaiters}: consumers waiting for an item
 *  128  NOT_FULL           {@link ParkedWaiters}: producers waiting for room
 * </pre>
 *
 * HIGH_WATER, PUT_BYTES and TAKEN_BYTES came after version 1 without a change of version: they were 0 and unused
 * before, and a durable store made earlier reads as one without a mark, so its files stay readable.
 */
final class StoreLayout {
    static final int MAGIC = 0x6D70_3471; // "mp4q"
    static final int LAYOUT_VERSION = 1;
    /** MAGIC while a durable queue's first opener fills the header in. */
    static final int MAKING = -1;

    static final int QUEUE = 1;
    static final int PIPE = 2;

    static final int MAGIC_AT = 0;
    static final int VERSION_AT = 4;
    static final int KIND_AT = 8;
    static final int CAPACITY_AT = 12;
    static final int JOINABLE_AT = 16;
    static final int DUPLEX_AT = 20;
    static final int DONE_AT = 24;
    static final int HIGH_WATER_AT = 32;
    static final int JOIN_WAITERS_AT = 64;
    static final int STREAMS_AT = 128;
    static final int STREAM_STRIDE = 192;
    static final int TABLE_AT = STREAMS_AT + 2 * STREAM_STRIDE;
    static final int BYTES = ServerLayout.align(TABLE_AT + HolderTable.BYTES, 4096);

    static final int HEAD = 0;
    static final int PUT = 8;
    static final int TAKEN = 16;
    static final int RESERVED = 24;
    static final int PUT_BYTES = 32;
    static final int TAKEN_BYTES = 40;
    static final int NOT_EMPTY = 64;
    static final int NOT_FULL = 128;

    /** The folder part holding a store's journals. */
    static final String FOLDER = "q";

    static {
        if (JOIN_WAITERS_AT + ParkedWaiters.BYTES > STREAMS_AT || NOT_EMPTY + ParkedWaiters.BYTES > NOT_FULL
                || NOT_FULL + ParkedWaiters.BYTES > STREAM_STRIDE || HIGH_WATER_AT + Long.BYTES > JOIN_WAITERS_AT
                || TAKEN_BYTES + Long.BYTES > NOT_EMPTY) {
            throw new AssertionError("overlapping store layout");
        }
    }

    private StoreLayout() {
    }

    static int stream(int s) {
        return STREAMS_AT + s * STREAM_STRIDE;
    }
}
