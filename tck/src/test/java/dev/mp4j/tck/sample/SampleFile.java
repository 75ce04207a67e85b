package dev.mp4j.tck.sample;

import dev.mp4j.shm.BackoffIdleStrategy;
import dev.mp4j.shm.MappedSegment;
import dev.mp4j.shm.ProcessLiveness;
import dev.mp4j.spi.HighWaterMark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One queue (one ring) or one pipe (a ring per receiving end), in memory-mapped files of the shared-memory folder,
 * built on the shared-memory module's {@link MappedSegment}. The base file holds the header, the table of who holds
 * the object, and each ring's head and tail; a ring's slots live in chunk files of {@value #CHUNK_SLOTS} slots, made
 * as the ring grows and removed once read, so a ring has no bound of its own. An item too large for a slot lives in a
 * file of its own.
 *
 * <p>Every change happens under one robust lock word in the base file: a process that dies holding it is found
 * dead by the next waiter, which takes the lock over. Each change is ordered so that a death in its middle leaves the
 * state whole: an item's bytes are written first and the tail that publishes them last; a joinable queue's
 * unfinished count is the tail less the items done, so the same store publishes both.
 *
 * <p>Each ring counts its unread bytes, so that an unbounded queue's producers and a pipe's senders can wait at the
 * high-water mark ({@link HighWaterMark}), which the file keeps from its creation. The count changes with the tail
 * and the head, under the lock; a death between the two stores leaves it one item off, which only moves the mark.
 *
 * <p>The sample's storage is simple rather than fast: one lock for everything, and waiters that poll (about once a
 * millisecond once their spin and yield budget is spent).
 */
final class SampleFile {
    static final int QUEUE = 1;
    static final int PIPE = 2;
    /** The "end" under which a queue's holders are counted. */
    static final int HOLDER = 2;

    // the header, one cache line
    private static final int MAGIC = 0x73616d70; // "samp"
    private static final int MAGIC_AT = 0;
    private static final int KIND_AT = 4;
    private static final int LOCK_AT = 8;
    private static final int CAPACITY_AT = 16;
    private static final int JOINABLE_AT = 20;
    private static final int DUPLEX_AT = 24;
    private static final int GONE_AT = 28;
    private static final int DONE_AT = 32;
    private static final int HIGH_WATER_AT = 40;
    // who holds the object: (pid, end, count) — a pipe's copies per end, a queue's handles under HOLDER
    private static final int ENTRIES = 64;
    private static final int ENTRY = 16;
    private static final int HOLDERS_AT = 64;
    // a pipe's departed copies: (ticket, pid of the process that took it, end)
    private static final int TICKET = 24;
    private static final int TICKETS_AT = HOLDERS_AT + ENTRIES * ENTRY;
    // each ring's head, tail and unread bytes, a cache line each
    private static final int RINGS_AT = TICKETS_AT + ENTRIES * TICKET;
    private static final int BASE_BYTES = RINGS_AT + 2 * 64;
    // a chunk's slots: [length int][overflow int][stored length int][stored bytes]
    static final int CHUNK_SLOTS = 1024;
    private static final int SLOT = 1024;
    static final int INLINE = SLOT - 12;

    private static final AtomicLong NAMES = new AtomicLong();
    private static final long ME = ProcessLiveness.currentPid();
    private static final long LIVENESS_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final MappedSegment base;
    /** Chunks this process has mapped, by file name; dropped once read, so that the JVM can unmap them. */
    private final Map<String, MappedSegment> chunks = new ConcurrentHashMap<>();

    private SampleFile(MappedSegment base) {
        this.base = base;
    }

    static SampleFile create(int kind, int capacity, boolean joinable, boolean duplex) {
        long highWater = HighWaterMark.bytes(); // before the file exists: a bad setting leaves nothing behind
        SampleFile f = new SampleFile(MappedSegment.create(newName(kind == QUEUE ? "q" : "p"), BASE_BYTES));
        f.base.putLong(HIGH_WATER_AT, highWater);
        f.base.putInt(KIND_AT, kind);
        f.base.putInt(CAPACITY_AT, capacity);
        f.base.putInt(JOINABLE_AT, joinable ? 1 : 0);
        f.base.putInt(DUPLEX_AT, duplex ? 1 : 0);
        f.base.putIntVolatile(MAGIC_AT, MAGIC);
        return f;
    }

    static SampleFile attach(String name, int kind) throws IOException {
        MappedSegment seg;
        try {
            seg = MappedSegment.attach(name);
        } catch (RuntimeException e) {
            throw new IOException("no sample " + (kind == QUEUE ? "queue" : "pipe") + " named " + name + ": " + e.getMessage(), e);
        }
        if (seg.capacity() < BASE_BYTES || seg.getIntVolatile(MAGIC_AT) != MAGIC || seg.getInt(KIND_AT) != kind) {
            throw new IOException(name + " is not a sample " + (kind == QUEUE ? "queue" : "pipe"));
        }
        return new SampleFile(seg);
    }

    private static String newName(String what) {
        return "mp4j-sample-" + ME + "-" + what + NAMES.incrementAndGet() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }

    String name() {
        return base.name();
    }

    int capacity() {
        return base.getInt(CAPACITY_AT);
    }

    boolean joinable() {
        return base.getInt(JOINABLE_AT) == 1;
    }

    boolean duplex() {
        return base.getInt(DUPLEX_AT) == 1;
    }

    // ---- the lock

    void lock() {
        long me = ME << 32 | (Thread.currentThread().getId() & 0xFFFF_FFFFL);
        BackoffIdleStrategy idle = idle();
        long nextCheck = System.nanoTime() + LIVENESS_CHECK_NANOS;
        while (!base.compareAndSetLong(LOCK_AT, 0, me)) {
            long holder = base.getLongVolatile(LOCK_AT);
            if (holder != 0 && System.nanoTime() - nextCheck > 0) {
                nextCheck = System.nanoTime() + LIVENESS_CHECK_NANOS;
                if (ProcessLiveness.isDead(holder >>> 32) && base.compareAndSetLong(LOCK_AT, holder, me)) {
                    return;
                }
            }
            if (!idle.idle()) {
                LockSupport.parkNanos(50_000);
            }
        }
    }

    void unlock() {
        base.putLongRelease(LOCK_AT, 0);
    }

    // ---- rings

    private static int head(int r) {
        return RINGS_AT + r * 64;
    }

    private static int tail(int r) {
        return RINGS_AT + r * 64 + 8;
    }

    private static int unread(int r) {
        return RINGS_AT + r * 64 + 16;
    }

    /**
     * @return whether ring {@code r} holds the high-water mark in unread bytes, or more; never when it is empty, so
     *         that one item larger than the mark still goes. Without the lock, a moment's view.
     */
    boolean aboveHighWater(int r) {
        long mark = base.getLong(HIGH_WATER_AT);
        return mark > 0 && size(r) > 0 && base.getLongAcquire(unread(r)) >= mark;
    }

    /** @return the items in ring {@code r}; without the lock, but never torn: head is read again until it held */
    int size(int r) {
        while (true) {
            long head = base.getLongAcquire(head(r));
            long tail = base.getLongAcquire(tail(r));
            if (base.getLongAcquire(head(r)) == head) {
                return (int) (tail - head);
            }
        }
    }

    /** @return whether ring {@code r} has room for one more item under the capacity; without the lock */
    boolean hasRoom(int r) {
        int cap = capacity();
        return cap == 0 || size(r) < cap;
    }

    private String chunkName(int r, long chunk) {
        return name() + "-r" + r + "-" + chunk;
    }

    /** The chunk of ring {@code r} that holds slot {@code index}; made if {@code make} and it does not exist yet. */
    private MappedSegment chunk(int r, long index, boolean make) {
        String n = chunkName(r, index / CHUNK_SLOTS);
        MappedSegment c = chunks.get(n);
        if (c != null) {
            return c;
        }
        try {
            c = MappedSegment.attach(n);
        } catch (java.util.NoSuchElementException e) {
            if (!make) {
                throw e;
            }
            // under the lock: no other process makes it now; one that died after making it left it for us above
            c = MappedSegment.create(n, (long) CHUNK_SLOTS * SLOT);
        }
        chunks.put(n, c);
        // the chunks of this ring before this one are read (or being read by another): let go of their mappings
        String ring = name() + "-r" + r + "-";
        long current = index / CHUNK_SLOTS;
        chunks.keySet().removeIf(k -> k.startsWith(ring) && Long.parseLong(k.substring(ring.length())) < current);
        return c;
    }

    private static int slot(long index) {
        return (int) (index % CHUNK_SLOTS) * SLOT;
    }

    /** Under the lock: appends an item (made by {@link #prepare}); false if the capacity leaves no room. */
    boolean append(int r, Prepared item) {
        if (!hasRoom(r)) {
            return false;
        }
        long tail = base.getLong(tail(r));
        MappedSegment c = chunk(r, tail, true);
        int at = slot(tail);
        byte[] stored = item.overflow == null ? item.bytes : item.overflow.name().getBytes(StandardCharsets.UTF_8);
        c.putInt(at, item.length);
        c.putInt(at + 4, item.overflow == null ? 0 : 1);
        c.putInt(at + 8, stored.length);
        c.putBytes(at + 12, stored, 0, stored.length);
        base.putLongRelease(tail(r), tail + 1);
        base.putLongRelease(unread(r), base.getLong(unread(r)) + item.length);
        return true;
    }

    /** @return the length of the next item of ring {@code r}, or -1; without the lock, a moment's view */
    int headLength(int r) {
        long head = base.getLongAcquire(head(r));
        if (base.getLongAcquire(tail(r)) == head) {
            return -1;
        }
        try {
            return chunk(r, head, false).getInt(slot(head));
        } catch (java.util.NoSuchElementException e) {
            return -1; // taken and its chunk removed meanwhile: look again
        }
    }

    /**
     * Under the lock: removes the next item of ring {@code r} if it is at most {@code maxLength} long; {@link #take}
     * finishes the job after the lock is released.
     *
     * @return what was removed, or null if the ring is empty or its next item is longer
     */
    Removed remove(int r, int maxLength) {
        long head = base.getLong(head(r));
        if (base.getLong(tail(r)) == head) {
            return null;
        }
        MappedSegment c = chunk(r, head, false);
        int at = slot(head);
        int length = c.getInt(at);
        if (length > maxLength) {
            return null;
        }
        boolean overflow = c.getInt(at + 4) == 1;
        byte[] stored = new byte[c.getInt(at + 8)];
        c.getBytes(at + 12, stored, 0, stored.length);
        base.putLongRelease(head(r), head + 1);
        base.putLongRelease(unread(r), base.getLong(unread(r)) - length);
        if ((head + 1) % CHUNK_SLOTS == 0) {
            // the chunk is read: remove it; processes that still map it let go as they move on
            chunks.remove(c.name());
            unlinkQuietly(c);
        }
        return new Removed(length, overflow, stored);
    }

    /** What {@link #remove} took out of a ring: the item, or the name of the file that holds it. */
    record Removed(int length, boolean overflow, byte[] stored) {}

    /**
     * The item itself: read from its own file, which is then removed, outside the lock. A reader that dies here loses
     * this item only.
     */
    static byte[] take(Removed r) {
        if (!r.overflow()) {
            return r.stored();
        }
        String name = new String(r.stored(), StandardCharsets.UTF_8);
        MappedSegment big = MappedSegment.attach(name);
        byte[] item = new byte[r.length()];
        big.getBytes(0, item, 0, item.length);
        unlinkQuietly(big);
        return item;
    }

    private static void unlinkQuietly(MappedSegment seg) {
        try {
            seg.unlink();
        } catch (RuntimeException alreadyGone) {
            // removed meanwhile by another process; what nobody removed, the tree's clean-up does
        }
    }

    /** Removes a file this process has not mapped: mapping it is the only way the shared-memory module offers. */
    private static void unlinkQuietly(String name) {
        try {
            unlinkQuietly(MappedSegment.attach(name));
        } catch (RuntimeException gone) {
            // never made, or removed already
        }
    }

    // ---- a joinable queue's count of unfinished items: the tail (items put) less the items done

    long unfinished() {
        while (true) {
            long done = base.getLongAcquire(DONE_AT);
            long tail = base.getLongAcquire(tail(0));
            if (base.getLongAcquire(DONE_AT) == done) {
                return tail - done;
            }
        }
    }

    /** Under the lock. */
    boolean finishOne() {
        long done = base.getLong(DONE_AT);
        if (done == base.getLong(tail(0))) {
            return false;
        }
        base.putLongRelease(DONE_AT, done + 1);
        return true;
    }

    // ---- who holds it, under the lock

    /** One more holder in this process: a copy of pipe end {@code end}, or a queue handle ({@link #HOLDER}). */
    void addHolder(int end) {
        int free = -1;
        for (int i = 0; i < ENTRIES; i++) {
            int at = HOLDERS_AT + i * ENTRY;
            long pid = base.getLong(at);
            if (pid == ME && base.getInt(at + 8) == end) {
                base.putInt(at + 12, base.getInt(at + 12) + 1);
                return;
            }
            if (free < 0 && (pid == 0 || base.getInt(at + 12) == 0 || ProcessLiveness.isDeadCached(pid))) {
                free = at;
            }
        }
        if (free < 0) {
            throw new IllegalStateException("the sample transport tracks the holders of at most " + ENTRIES
                    + " processes per queue or pipe");
        }
        base.putInt(free + 12, 0);
        base.putLong(free, ME);
        base.putInt(free + 8, end);
        base.putInt(free + 12, 1);
    }

    /** One holder in this process fewer. */
    void removeHolder(int end) {
        for (int i = 0; i < ENTRIES; i++) {
            int at = HOLDERS_AT + i * ENTRY;
            if (base.getLong(at) == ME && base.getInt(at + 8) == end && base.getInt(at + 12) > 0) {
                base.putInt(at + 12, base.getInt(at + 12) - 1);
                return;
            }
        }
    }

    /**
     * Takes a ticket for a copy of {@code end} (a queue's token: {@link #HOLDER}) leaving this process, under the lock.
     *
     * @throws IllegalStateException if the file tracks as many copies in flight as it can
     */
    long depart(int end) {
        long ticket;
        do {
            ticket = ThreadLocalRandom.current().nextLong();
        } while (ticket == 0);
        lock();
        try {
            addTicket(ticket, end);
        } finally {
            unlock();
        }
        return ticket;
    }

    private void addTicket(long ticket, int end) {
        for (int i = 0; i < ENTRIES; i++) {
            int at = TICKETS_AT + i * TICKET;
            long taker = base.getLong(at + 8);
            if (base.getLong(at) == 0 || taker != ME && ProcessLiveness.isDeadCached(taker)) {
                base.putLong(at + 8, ME);
                base.putInt(at + 16, end);
                base.putLong(at, ticket);
                return;
            }
        }
        throw new IllegalStateException("the sample transport tracks at most " + ENTRIES + " copies in flight per queue or pipe");
    }

    /** @return whether the ticket was there (and is now gone) */
    boolean removeTicket(long ticket) {
        for (int i = 0; i < ENTRIES; i++) {
            int at = TICKETS_AT + i * TICKET;
            if (base.getLong(at) == ticket) {
                base.putLong(at, 0);
                return true;
            }
        }
        return false;
    }

    /**
     * Under the lock: the open holders of {@code end} — copies (or handles) in live processes, and copies in flight
     * whose sender lives. A copy that attaches takes its ticket and adds itself in one step, which a reader must
     * never see half done.
     */
    int holders(int end) {
        int open = 0;
        for (int i = 0; i < ENTRIES; i++) {
            int at = HOLDERS_AT + i * ENTRY;
            long pid = base.getLong(at);
            int count = base.getInt(at + 12);
            if (pid != 0 && count > 0 && base.getInt(at + 8) == end && (pid == ME || !ProcessLiveness.isDeadCached(pid))) {
                open += count;
            }
            int t = TICKETS_AT + i * TICKET;
            long taker = base.getLong(t + 8);
            if (base.getLong(t) != 0 && base.getInt(t + 16) == end && (taker == ME || !ProcessLiveness.isDeadCached(taker))) {
                open++;
            }
        }
        return open;
    }

    /** Under the lock: marks the object gone, and removes its files; nobody can attach any more. */
    void unlinkAll(int rings) {
        base.putIntVolatile(GONE_AT, 1);
        for (int r = 0; r < rings; r++) {
            for (long c = base.getLong(head(r)) / CHUNK_SLOTS; c <= base.getLong(tail(r)) / CHUNK_SLOTS; c++) {
                unlinkQuietly(chunkName(r, c));
            }
        }
        unlinkQuietly(name());
    }

    /** @return whether the last holder let go of it and its files are removed */
    boolean gone() {
        return base.getIntVolatile(GONE_AT) == 1;
    }

    // ---- items

    /** An item ready to append: small ones inline, large ones in a file of their own, written before the lock. */
    record Prepared(int length, byte[] bytes, MappedSegment overflow) {}

    static Prepared prepare(byte[] item) {
        if (item.length <= INLINE) {
            return new Prepared(item.length, item, null);
        }
        MappedSegment big = MappedSegment.create(newName("item"), Math.max(1, item.length));
        big.putBytes(0, item, 0, item.length);
        return new Prepared(item.length, null, big);
    }

    static void discard(Prepared p) {
        if (p.overflow() != null) {
            unlinkQuietly(p.overflow());
        }
    }

    // ---- waiting

    /**
     * Waits a step, not past the deadline ({@code Long.MAX_VALUE}: none), throwing if the thread is interrupted.
     *
     * @return false once the deadline has passed
     */
    static boolean pause(BackoffIdleStrategy idle, long deadline) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        if (!idle.idle(left)) {
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(1)));
        }
        return true;
    }

    static long deadline(long timeoutNanos) {
        return timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
    }

    /** Spin and yield (mp4j's one spin setting), park 20 µs at a time for 20 ms, then {@link #pause} parks 1 ms. */
    static BackoffIdleStrategy idle() {
        return new BackoffIdleStrategy(BackoffIdleStrategy.SPINS, BackoffIdleStrategy.YIELDS, 20_000,
                TimeUnit.MILLISECONDS.toNanos(20));
    }
}
