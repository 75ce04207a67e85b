package dev.mp4j.transport.chronicle;

import dev.mp4j.shm.MappedSegment;
import dev.mp4j.shm.ParkedWaiters;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.mp4j.transport.chronicle.StoreLayout.HEAD;
import static dev.mp4j.transport.chronicle.StoreLayout.PUT;
import static dev.mp4j.transport.chronicle.StoreLayout.PUT_BYTES;
import static dev.mp4j.transport.chronicle.StoreLayout.RESERVED;
import static dev.mp4j.transport.chronicle.StoreLayout.TAKEN;
import static dev.mp4j.transport.chronicle.StoreLayout.TAKEN_BYTES;

/**
 * One stream of items (a queue's, or the messages to one end of a pipe): a Chronicle queue that producers append
 * to, and the words of {@link StoreLayout} that share its documents out among consumers, each exactly once.
 *
 * <p><b>Taking.</b> Every consumer process reads the journal with a tailer of its own. HEAD is the journal index
 * after the last item taken, so the next document from there is the next item, whatever roll cycle it is in. A
 * consumer positions its tailer at HEAD, copies the document out, and claims it by moving HEAD on to the index
 * after it with one compare-and-set; if another consumer moved HEAD first, it tries again from there. Nothing is
 * claimed before it is copied, so a consumer killed at any point loses at most the item it had claimed and not yet
 * returned.
 *
 * <p><b>Putting.</b> A producer counts the item (PUT), appends it under its process's lock (Chronicle serialises
 * appenders of different processes itself, and a document half-written by a killed process is never read), then
 * rings the sleeping consumers. A bounded queue's producer first takes room (RESERVED) by compare-and-set, at most
 * CAPACITY ahead of TAKEN.
 *
 * <p><b>Room.</b> Bytes are counted as items are (PUT_BYTES with PUT, TAKEN_BYTES after the claim), so that an
 * unbounded queue's producers and a pipe's senders can wait at the store's high-water mark
 * ({@link #aboveHighWater}). A process killed between a count and its append or claim skews the count for good;
 * a stream that holds nothing is therefore never above its mark, whatever the count says.
 *
 * <p><b>Files.</b> The take that moves HEAD into a new cycle of the journal removes the files of the cycles before
 * it (before the one before it, where a cycle is a second): every item in them was taken. A journal rolls every
 * second ({@link SecondlyRoll}; a durable queue's daily), so it holds what is not yet taken and the last two seconds
 * or so of what was, however much went through it. Producers append by a {@link JournalClock} that never goes before
 * HEAD's cycle, so a wall clock stepped back never puts an item into a removed cycle.
 *
 * <p>Within a process, takers take turns on the one tailer and producers on the one appender; both are made on
 * first use, so a process that only puts never opens a tailer.
 */
final class Stream {
    /** How long a sleeping waiter sleeps between looks of its own: every put and take rings the other side. */
    static final long SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** {@link #take} found the next item longer than asked for; it stays. */
    static final byte[] TOO_LONG = new byte[0];
    /** The first byte of every document: what it holds after it is the item. */
    private static final byte ITEM = 0;

    private final MappedSegment state;
    private final int at;
    private final Path folder;
    private final boolean durable;
    final ParkedWaiters notEmpty;
    final ParkedWaiters notFull;
    private final Object appendLock = new Object();
    private final Object takeLock = new Object();
    private volatile SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private ExcerptTailer tailer;
    /** Where {@link #tailer} stands: the HEAD it was last positioned at or moved on to; -1 if unknown. */
    private long position = -1;
    /** Set under both locks and this object's monitor: read under any of them. */
    private boolean closed;

    /**
     * @param durable whether the journal is a durable queue's, rolled daily in the format of earlier versions;
     *                otherwise it rolls every second ({@link SecondlyRoll}). Either way, the files of the cycles
     *                whose every item was taken are removed by the take that leaves them.
     */
    Stream(MappedSegment state, int stream, Path folder, boolean durable) {
        this.state = state;
        this.at = StoreLayout.stream(stream);
        this.folder = folder;
        this.durable = durable;
        this.notEmpty = new ParkedWaiters(state, at + StoreLayout.NOT_EMPTY);
        this.notFull = new ParkedWaiters(state, at + StoreLayout.NOT_FULL);
    }

    private SingleChronicleQueue queue() {
        SingleChronicleQueue q = queue;
        if (q == null) {
            synchronized (this) {
                q = queue;
                if (q == null) {
                    if (closed) {
                        throw new IllegalStateException("the stream in " + folder + " is closed");
                    }
                    queue = q = Chronicle.open(folder, durable, () -> state.getLongVolatile(at + HEAD));
                }
            }
        }
        return q;
    }

    /** @return items put and not yet taken: exact but for puts in flight, which count already */
    long size() {
        while (true) {
            long taken = state.getLongAcquire(at + TAKEN);
            long put = state.getLongAcquire(at + PUT);
            if (state.getLongAcquire(at + TAKEN) == taken) {
                return Math.max(0, put - taken);
            }
        }
    }

    long put() {
        return state.getLongAcquire(at + PUT);
    }

    /**
     * @return whether a producer that waits at the store's high-water mark must wait now: the stream holds that
     *         many unread bytes or more, and holds an item (looked up only when the count says so)
     */
    boolean aboveHighWater() {
        long mark = state.getLong(StoreLayout.HIGH_WATER_AT);
        if (mark <= 0) {
            return false;
        }
        long unread = state.getLongAcquire(at + PUT_BYTES) - state.getLongAcquire(at + TAKEN_BYTES);
        return unread >= mark && headLength() >= 0;
    }

    /** Takes room in a queue bounded by {@code capacity}; false if it is full now. */
    boolean reserve(int capacity) {
        while (true) {
            long reserved = state.getLongVolatile(at + RESERVED);
            if (reserved - state.getLongVolatile(at + TAKEN) >= capacity) {
                return false;
            }
            if (state.compareAndSetLong(at + RESERVED, reserved, reserved + 1)) {
                return true;
            }
        }
    }

    /** Appends one item (room, if bounded, taken already), then rings the consumers that sleep. */
    void append(byte[] item) {
        state.getAndAddLong(at + PUT_BYTES, item.length);
        state.getAndAddLong(at + PUT, 1);
        synchronized (appendLock) {
            if (appender == null) {
                appender = queue().createAppender();
                ChronicleLink.anyThread(appender); // the threads of this process take turns under appendLock
            }
            try (DocumentContext dc = appender.writingDocument()) {
                Bytes<?> bytes = dc.wire().bytes();
                bytes.writeByte(ITEM); // Chronicle keeps no empty document: an empty item is this byte alone
                bytes.write(item);
            }
        }
        notEmpty.wake();
    }

    /**
     * Takes the next item, if there is one now and it is at most {@code maxLength} bytes long.
     *
     * @return the item; null if there is none, or this stream was closed in this process; {@link #TOO_LONG} if
     *         the next one is longer (it stays)
     */
    byte[] take(int maxLength) {
        synchronized (takeLock) {
            while (!closed) {
                long head = state.getLongVolatile(at + HEAD);
                ExcerptTailer t = positionedAt(head);
                byte[] item;
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return null;
                    }
                    Bytes<?> bytes = dc.wire().bytes();
                    long length = bytes.readRemaining() - 1;
                    if (length > maxLength) {
                        dc.rollbackOnClose();
                        return TOO_LONG;
                    }
                    bytes.readSkip(1);
                    item = new byte[(int) Math.max(0, length)];
                    bytes.read(item);
                }
                long next = t.index();
                position = next;
                if (state.compareAndSetLong(at + HEAD, head, next)) {
                    state.getAndAddLong(at + TAKEN, 1);
                    state.getAndAddLong(at + TAKEN_BYTES, item.length);
                    notFull.wake();
                    if (head == 0 || cycleOf(head) != cycleOf(next)) {
                        // every item before this one's cycle is taken; of a journal rolled every second, the second
                        // before stays too, for a taker that read HEAD before this take and has yet to move there
                        Chronicle.retireBefore(queue(), durable ? cycleOf(next) : cycleOf(next) - 1);
                    }
                    return item;
                }
            }
            return null;
        }
    }

    /** @return the length of the next item, or -1 if there is none now (or this stream was closed here) */
    int headLength() {
        synchronized (takeLock) {
            if (closed) {
                return -1;
            }
            ExcerptTailer t = positionedAt(state.getLongVolatile(at + HEAD));
            try (DocumentContext dc = t.readingDocument()) {
                if (!dc.isPresent()) {
                    return -1;
                }
                dc.rollbackOnClose();
                return (int) Math.max(0, dc.wire().bytes().readRemaining() - 1);
            }
        }
    }

    /** @return the tailer, standing where the next document read is the one after HEAD {@code head} */
    private ExcerptTailer positionedAt(long head) {
        if (tailer == null) {
            tailer = queue().createTailer();
            ChronicleLink.anyThread(tailer);
            position = -1;
        }
        if (position == head && head != 0) {
            return tailer;
        }
        if (head == 0) {
            tailer.toStart(); // nothing taken yet: the first document is the first item
        } else if (!tailer.moveToIndex(head)) {
            // HEAD is just after the last document of a cycle that has rolled: stand on that document, step over it
            if (tailer.moveToIndex(head - 1)) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    // stepped over
                }
            } else {
                skipFromStart(head);
            }
        }
        position = head;
        return tailer;
    }

    /** The way of last resort: from the journal's first document, over every document before {@code head}. */
    private void skipFromStart(long head) {
        tailer.toStart();
        while (tailer.index() < head) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return;
                }
            }
        }
    }

    /** Lets go of the journal's files in this process. */
    void close() {
        synchronized (appendLock) {
            synchronized (takeLock) {
                synchronized (this) {
                    closed = true;
                    closeQuietly(appender);
                    closeQuietly(tailer);
                    closeQuietly(queue);
                    appender = null;
                    tailer = null;
                }
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // let go of what is being let go of
        }
    }

    private int cycleOf(long index) {
        return queue().rollCycle().toCycle(index);
    }
}
