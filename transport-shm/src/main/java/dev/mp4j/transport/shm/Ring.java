package dev.mp4j.transport.shm;

import dev.mp4j.shm.MappedSegment;
import dev.mp4j.shm.ParkedWaiters;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static dev.mp4j.transport.shm.ChannelLayout.BIG;
import static dev.mp4j.transport.shm.ChannelLayout.BIG_IN;
import static dev.mp4j.transport.shm.ChannelLayout.BIG_OUT;
import static dev.mp4j.transport.shm.ChannelLayout.DATA_BYTES;
import static dev.mp4j.transport.shm.ChannelLayout.FIRST_DATA_BYTES;
import static dev.mp4j.transport.shm.ChannelLayout.GEN;
import static dev.mp4j.transport.shm.ChannelLayout.HEAD_ENTRIES;
import static dev.mp4j.transport.shm.ChannelLayout.HEAD_JOURNAL;
import static dev.mp4j.transport.shm.ChannelLayout.HEAD_LOCK;
import static dev.mp4j.transport.shm.ChannelLayout.HEAD_POS;
import static dev.mp4j.transport.shm.ChannelLayout.HEAD_SEQ;
import static dev.mp4j.transport.shm.ChannelLayout.INLINE;
import static dev.mp4j.transport.shm.ChannelLayout.MAX_DATA_BYTES;
import static dev.mp4j.transport.shm.ChannelLayout.NOT_EMPTY;
import static dev.mp4j.transport.shm.ChannelLayout.NOT_FULL;
import static dev.mp4j.transport.shm.ChannelLayout.PAD;
import static dev.mp4j.transport.shm.ChannelLayout.RECORD_HEADER;
import static dev.mp4j.transport.shm.ChannelLayout.TAIL_ENTRIES;
import static dev.mp4j.transport.shm.ChannelLayout.TAIL_JOURNAL;
import static dev.mp4j.transport.shm.ChannelLayout.TAIL_LOCK;
import static dev.mp4j.transport.shm.ChannelLayout.TAIL_POS;
import static dev.mp4j.transport.shm.ChannelLayout.TAIL_SEQ;
import static dev.mp4j.transport.shm.ChannelLayout.recordBytes;

/**
 * One ring of a channel, as this process sees it: records in a data file that every process maps, appended under
 * the tail lock and removed under the head lock, so that producers and consumers contend only among themselves.
 * The two sides meet through {@code TAIL_SEQ} and {@code HEAD_SEQ}/{@code HEAD_POS}, stored with release semantics
 * and read with acquire, so that the bytes of a record happen-before its removal.
 *
 * <p>A producer that finds no room in the data file takes the head lock too and replaces it by one twice as large
 * (up to {@value ChannelLayout#MAX_DATA_BYTES} bytes), copying the unread records over; the head journal makes the
 * switch one step. Items are counted: a bounded queue's producers wait on the count. Unread bytes are counted too
 * (the records, and the big items' files): an unbounded queue's producers, and a pipe's senders, wait at the
 * channel's high-water mark ({@link #aboveHighWater}), so the file stays far below its largest size.
 *
 * <p>Killed mid-way: an append's bytes are written before the journal that publishes them, and a removal copies
 * its record out before it publishes the new head, so a death leaves every other item whole.
 */
final class Ring {
    /**
     * How long a waiter on a ring sleeps before it looks again on its own, and so how soon a pipe's reader notices
     * that the other end's process died: every append, close and release rings the sleepers' bells, so this only
     * bounds the cost of a lost ring, and keeps an idle consumer at ten wake-ups a second.
     */
    static final long SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** {@link #append}: the record is in the ring. */
    static final int APPENDED = 0;
    /** {@link #append}: the ring holds its capacity in items; nothing was appended. */
    static final int FULL = 1;
    /** {@link #append}: the ring would outgrow its largest data file; nothing was appended. */
    static final int NO_ROOM = 2;

    /** What {@link #remove} returns for an empty ring. */
    static final Removed EMPTY = new Removed(-1, 0, null);

    private final MappedSegment base;
    private final String channelName;
    private final String dataPrefix;
    private final int at;
    private final JournaledLock tail;
    private final JournaledLock head;
    /** The channel's high-water mark in unread bytes, 0 for none. */
    private final long highWater;
    final ParkedWaiters notEmpty;
    final ParkedWaiters notFull;
    // each side's mapping of the data file, guarded by its lock
    private MappedSegment tailData;
    private long tailGen = -1;
    private MappedSegment headData;
    private long headGen = -1;

    Ring(MappedSegment base, String channelName, int r) {
        this.base = base;
        this.channelName = channelName;
        this.dataPrefix = "d" + r + "-";
        this.at = ChannelLayout.ring(r);
        this.head = new JournaledLock(base, at + HEAD_LOCK, at + HEAD_JOURNAL, HEAD_ENTRIES, () -> {});
        // a dead producer may have died growing the ring, holding the head lock too: replay that journal first
        this.tail = new JournaledLock(base, at + TAIL_LOCK, at + TAIL_JOURNAL, TAIL_ENTRIES, () -> {
            head.lock();
            head.unlock();
        });
        this.highWater = base.getLong(ChannelLayout.HIGH_WATER_AT);
        this.notEmpty = new ParkedWaiters(base, at + NOT_EMPTY);
        this.notFull = new ParkedWaiters(base, at + NOT_FULL);
    }

    /** Makes the ring's first data file; by the channel's creator, before it publishes the channel. */
    static void create(MappedSegment base, String channelName, int r) {
        int at = ChannelLayout.ring(r);
        long gen = newGeneration(-1);
        MappedSegment.createPart(channelName, "d" + r + "-" + Long.toHexString(gen), FIRST_DATA_BYTES);
        base.putLong(at + GEN, gen);
        base.putLong(at + DATA_BYTES, FIRST_DATA_BYTES);
    }

    /**
     * A generation names a data file, and is only compared for equality: random, so that another local user who
     * lists the folder cannot take the name of the next one first.
     */
    private static long newGeneration(long current) {
        long gen;
        do {
            gen = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        } while (gen == current);
        return gen;
    }

    /** @return items in the ring: exact at the moment of reading (the head is read again until it held) */
    int size() {
        while (true) {
            long h = base.getLongAcquire(at + HEAD_SEQ);
            long t = base.getLongAcquire(at + TAIL_SEQ);
            if (base.getLongAcquire(at + HEAD_SEQ) == h) {
                return (int) Math.min(Integer.MAX_VALUE, t - h);
            }
        }
    }

    /**
     * Finishes what a dead process left half-done, for a waiter that does not take the lock it held: a producer killed
     * in an append may have counted its record in the tail journal without publishing it, and no consumer would see
     * it until the next producer took the tail lock over; a consumer killed in a remove, likewise, leaves producers
     * that wait for room waiting. Call it about once per liveness interval of a wait: a read of each lock word, and a
     * liveness check for a held one.
     */
    void recoverFromTheDead() {
        if (tail.heldByTheDead()) {
            tail.lock(); // takes it over: replays its journal, and the head's
            tail.unlock();
        }
        if (head.heldByTheDead()) {
            head.lock();
            head.unlock();
        }
    }

    boolean isEmpty() {
        return base.getLongAcquire(at + HEAD_SEQ) == base.getLongAcquire(at + TAIL_SEQ);
    }

    /**
     * @return the unread bytes: the records in the data file (padding included) and the big items they name. Read
     *         without a lock, so only about right while producers and consumers move; a switch to a new data file,
     *         which moves both positions, is read again, but a read that races the switch itself may still be off for
     *         that moment: one sender then waits for the next removal, or passes the mark by one item.
     */
    long unreadBytes() {
        while (true) {
            long gen = base.getLongAcquire(at + GEN);
            long records = base.getLongAcquire(at + TAIL_POS) - base.getLongAcquire(at + HEAD_POS);
            long big = base.getLongAcquire(at + BIG_IN) - base.getLongAcquire(at + BIG_OUT);
            if (base.getLongAcquire(at + GEN) == gen) {
                return Math.max(0, records) + Math.max(0, big);
            }
        }
    }

    /**
     * @return whether a producer that waits at the high-water mark must wait now: the ring holds that many unread
     *         bytes or more. An empty ring is never above it, so that one item larger than the mark still goes.
     */
    boolean aboveHighWater() {
        return highWater > 0 && !isEmpty() && unreadBytes() >= highWater;
    }

    /** @return items ever appended */
    long appended() {
        return base.getLongAcquire(at + TAIL_SEQ);
    }

    /**
     * Appends a record.
     *
     * @param length   the item's length
     * @param type     {@link ChannelLayout#INLINE} (payload is the item) or {@link ChannelLayout#BIG} (payload
     *                 names its file)
     * @param capacity the most items the ring may hold, 0 for no bound
     * @param byBytes  whether the ring is full at its high-water mark of unread bytes ({@link #aboveHighWater})
     * @return {@link #APPENDED}; {@link #FULL} if the ring holds {@code capacity} items, or is above its mark;
     *         {@link #NO_ROOM} if it would need more than {@value ChannelLayout#MAX_DATA_BYTES} bytes (append a big
     *         item instead)
     * @throws IllegalStateException if the channel is gone (its last holder let go meanwhile)
     */
    int append(int length, int type, byte[] payload, int capacity, boolean byBytes) {
        int need = recordBytes(payload.length);
        tail.lock();
        try {
            long seq = base.getLong(at + TAIL_SEQ);
            if (capacity > 0 && seq - base.getLongAcquire(at + HEAD_SEQ) >= capacity || byBytes && aboveHighWater()) {
                return FULL;
            }
            long pos = base.getLong(at + TAIL_POS);
            long size = base.getLong(at + DATA_BYTES);
            int offset = (int) (pos & (size - 1));
            int pad = offset + need > size ? (int) (size - offset) : 0;
            if (size - (pos - base.getLongAcquire(at + HEAD_POS)) < need + pad) {
                if (!grow(need)) {
                    return NO_ROOM;
                }
                pos = base.getLong(at + TAIL_POS);
                size = base.getLong(at + DATA_BYTES);
                offset = (int) (pos & (size - 1));
                pad = offset + need > size ? (int) (size - offset) : 0;
            }
            MappedSegment data = tailData();
            if (pad > 0) {
                data.putInt(offset, pad);
                data.putInt(offset + 4, PAD);
                offset = 0;
            }
            data.putInt(offset, length);
            data.putInt(offset + 4, type);
            data.putBytes(offset + RECORD_HEADER, payload, 0, payload.length);
            tail.stage(at + TAIL_POS, pos + pad + need);
            if (type == BIG) {
                tail.stage(at + BIG_IN, base.getLong(at + BIG_IN) + length);
            }
            tail.stage(at + TAIL_SEQ, seq + 1);
            tail.commit();
        } finally {
            tail.unlock();
        }
        notEmpty.wake();
        return APPENDED;
    }

    /**
     * Under the tail lock: replaces the data file by one with room for {@code need} more bytes.
     *
     * @return false, changing nothing, if that file would be larger than {@value ChannelLayout#MAX_DATA_BYTES}
     */
    private boolean grow(int need) {
        head.lock();
        try {
            long gen = base.getLong(at + GEN);
            long size = base.getLong(at + DATA_BYTES);
            long from = base.getLong(at + HEAD_POS);
            long to = base.getLong(at + TAIL_POS);
            long wanted = (to - from) + 2L * need;
            long bigger = size * 2;
            while (bigger < wanted) {
                bigger *= 2;
            }
            if (bigger > MAX_DATA_BYTES) {
                return false;
            }
            MappedSegment old = tailData();
            long nextGen = newGeneration(gen);
            String next = dataPrefix + Long.toHexString(nextGen);
            MappedSegment grown = MappedSegment.createPart(channelName, next, bigger);
            if (base.getIntVolatile(ChannelLayout.GONE_AT) != 0) {
                // made after the last holder's sweep of the channel's parts, or not: either way, not left behind
                Channel.unlinkQuietly(grown.name());
                throw new IllegalStateException("the shm queue or pipe " + channelName + " is gone: it was closed");
            }
            int copied = 0;
            for (long p = from; p < to; ) {
                int offset = (int) (p & (size - 1));
                int bytes = old.getInt(offset + 4) == PAD ? old.getInt(offset) : recordBytes(payloadLength(old, offset));
                if (old.getInt(offset + 4) != PAD) {
                    byte[] record = new byte[bytes];
                    old.getBytes(offset, record, 0, bytes);
                    grown.putBytes(copied, record, 0, bytes);
                    copied += bytes;
                }
                p += bytes;
            }
            head.stage(at + GEN, nextGen);
            head.stage(at + DATA_BYTES, bigger);
            head.stage(at + HEAD_POS, 0);
            head.stage(at + TAIL_POS, copied);
            head.commit();
            // a death before this line leaves the old file to the channel's removal
            Channel.unlinkQuietly(MappedSegment.partName(channelName, dataPrefix + Long.toHexString(gen)));
            return true;
        } finally {
            head.unlock();
        }
    }

    private static int payloadLength(MappedSegment data, int offset) {
        return data.getInt(offset + 4) == BIG ? Integer.BYTES + data.getInt(offset + RECORD_HEADER) : data.getInt(offset);
    }

    /**
     * Removes the next record if its item is at most {@code maxLength} bytes long.
     *
     * @return the record; {@link #EMPTY} if there is none; a {@link Removed} with a null payload (and the length)
     *         if the next is longer, which stays in the ring
     */
    Removed remove(int maxLength) {
        head.lock();
        try {
            long seq = base.getLong(at + HEAD_SEQ);
            if (seq == base.getLongAcquire(at + TAIL_SEQ)) {
                return EMPTY;
            }
            MappedSegment data = headData();
            long size = base.getLong(at + DATA_BYTES);
            long pos = base.getLong(at + HEAD_POS);
            int offset = (int) (pos & (size - 1));
            if (data.getInt(offset + 4) == PAD) {
                pos += size - offset;
                offset = 0;
            }
            int length = data.getInt(offset);
            int type = data.getInt(offset + 4);
            if (length > maxLength) {
                return new Removed(length, type, null);
            }
            int payloadLength = payloadLength(data, offset);
            byte[] payload = new byte[payloadLength];
            data.getBytes(offset + RECORD_HEADER, payload, 0, payloadLength);
            head.stage(at + HEAD_POS, pos + recordBytes(payloadLength));
            if (type == BIG) {
                head.stage(at + BIG_OUT, base.getLong(at + BIG_OUT) + length);
            }
            head.stage(at + HEAD_SEQ, seq + 1);
            head.commit();
            return new Removed(length, type, payload);
        } finally {
            head.unlock();
        }
    }

    /** @return the length of the next item, or -1 if the ring is empty now */
    int headLength() {
        if (isEmpty()) {
            return -1;
        }
        head.lock();
        try {
            if (base.getLong(at + HEAD_SEQ) == base.getLongAcquire(at + TAIL_SEQ)) {
                return -1;
            }
            MappedSegment data = headData();
            long size = base.getLong(at + DATA_BYTES);
            int offset = (int) (base.getLong(at + HEAD_POS) & (size - 1));
            if (data.getInt(offset + 4) == PAD) {
                offset = 0;
            }
            return data.getInt(offset);
        } finally {
            head.unlock();
        }
    }

    /** @return the item a record holds; reads a big one from its file, which is then removed */
    byte[] item(Removed r) {
        return r.type() == INLINE ? r.payload() : BigItems.read(channelName, r.payload(), r.length());
    }

    /**
     * Appends an item inline or, when it is larger than {@value ChannelLayout#INLINE_MAX} bytes or the ring has
     * no room left for it, as a big item (written once, however many attempts it takes).
     *
     * @param byBytes whether the ring is full at its high-water mark ({@link #append})
     * @return {@link #APPENDED}, or {@link #FULL} if the ring holds {@code capacity} items or is above its mark
     * @throws IllegalStateException if the ring holds {@value ChannelLayout#MAX_DATA_BYTES} bytes of records
     *                               even so, or the channel is gone
     */
    int put(Channel channel, Pending p, int capacity, boolean byBytes) {
        if (p.big == null && p.item.length <= ChannelLayout.INLINE_MAX) {
            int status = append(p.item.length, INLINE, p.item, capacity, byBytes);
            if (status != NO_ROOM) {
                return status;
            }
        }
        if (p.big == null) {
            p.big = BigItems.write(channel, p.item);
        }
        int status = append(p.item.length, BIG, p.big, capacity, byBytes);
        if (status == NO_ROOM) {
            throw new IllegalStateException("the shm queue or pipe " + channelName + " holds "
                    + (MAX_DATA_BYTES >> 20) + " MiB of unread records; take some before adding more");
        }
        if (status == APPENDED) {
            p.big = null; // the reader removes it now
        }
        return status;
    }

    /** An item on its way into a ring; {@link #discard()} in a {@code finally}. */
    static final class Pending {
        final byte[] item;
        private byte[] big;

        Pending(byte[] item) {
            this.item = item;
        }

        /** Removes the big item written for it, if it was never appended. */
        void discard() {
            if (big != null) {
                BigItems.discard(big);
                big = null;
            }
        }
    }

    /** Under the tail lock. */
    private MappedSegment tailData() {
        long gen = base.getLong(at + GEN);
        if (gen != tailGen) {
            tailData = MappedSegment.attach(MappedSegment.partName(channelName, dataPrefix + Long.toHexString(gen)));
            tailGen = gen;
        }
        return tailData;
    }

    /** Under the head lock. */
    private MappedSegment headData() {
        long gen = base.getLong(at + GEN);
        if (gen != headGen) {
            headData = MappedSegment.attach(MappedSegment.partName(channelName, dataPrefix + Long.toHexString(gen)));
            headGen = gen;
        }
        return headData;
    }

    /**
     * A record taken out of a ring: the item itself, or the name of its file ({@link BigItems#read}).
     *
     * @param payload null if the record was left in the ring, too long for the reader
     */
    record Removed(int length, int type, byte[] payload) {
        boolean isEmpty() {
            return length < 0;
        }


    }
}
