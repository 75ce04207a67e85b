package dev.mp4j.tck.sample;

import dev.mp4j.shm.BackoffIdleStrategy;
import dev.mp4j.shm.MappedSegment;
import dev.mp4j.shm.ProcessLiveness;

import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One memory-mapped file holding a queue (one ring) or a pipe (a ring per receiving end, and the count of each end's
 * open copies), in the shared-memory folder, built on the shared-memory module's {@link MappedSegment}. Every change
 * happens under one robust lock word in the file: a process that dies holding it is found dead by the next waiter,
 * which takes the lock over. A change is made so that a death in its middle leaves the state whole: the bytes of an
 * item are written first, and the index that publishes them last.
 *
 * <p>This is the sample's storage, simple rather than fast: one lock for everything, rings of {@value #SLOTS}
 * slots, items above {@value #INLINE} bytes in a file of their own, and waiters that poll.
 */
final class SampleFile {
    static final int QUEUE = 1;
    static final int PIPE = 2;

    // the header, one cache line
    private static final int MAGIC = 0x73616d70; // "samp"
    private static final int MAGIC_AT = 0;
    private static final int KIND_AT = 4;
    private static final int LOCK_AT = 8;
    private static final int CAPACITY_AT = 16;
    private static final int JOINABLE_AT = 20;
    private static final int DUPLEX_AT = 24;
    private static final int UNFINISHED_AT = 32;
    // a pipe's open copies: (pid, end, count), then its departed copies: (ticket, end)
    private static final int ENTRIES = 64;
    private static final int COPIES_AT = 64;
    private static final int TICKETS_AT = COPIES_AT + ENTRIES * 16;
    // the rings: a head and a tail, then the slots: [length int][overflow int][stored length int][stored bytes]
    private static final int RINGS_AT = 4096;
    static final int SLOTS = 1024;
    private static final int SLOT = 1024;
    static final int INLINE = SLOT - 12;
    private static final int RING_BYTES = 64 + SLOTS * SLOT;

    private static final AtomicLong NAMES = new AtomicLong();
    private static final long ME = ProcessLiveness.currentPid();
    private static final long LIVENESS_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    final MappedSegment seg;

    private SampleFile(MappedSegment seg) {
        this.seg = seg;
    }

    static SampleFile create(int kind, int capacity, boolean joinable, boolean duplex) {
        int rings = kind == QUEUE ? 1 : 2;
        SampleFile f = new SampleFile(MappedSegment.create(newName("q"), RINGS_AT + (long) rings * RING_BYTES));
        f.seg.putInt(KIND_AT, kind);
        f.seg.putInt(CAPACITY_AT, capacity);
        f.seg.putInt(JOINABLE_AT, joinable ? 1 : 0);
        f.seg.putInt(DUPLEX_AT, duplex ? 1 : 0);
        f.seg.putIntVolatile(MAGIC_AT, MAGIC);
        return f;
    }

    static SampleFile attach(String name, int kind) throws IOException {
        MappedSegment seg;
        try {
            seg = MappedSegment.attach(name);
        } catch (NoSuchElementException | IllegalArgumentException | IllegalStateException e) {
            throw new IOException("no sample queue or pipe named " + name + ": " + e.getMessage(), e);
        }
        if (seg.capacity() < RINGS_AT || seg.getIntVolatile(MAGIC_AT) != MAGIC || seg.getInt(KIND_AT) != kind) {
            throw new IOException(name + " is not a sample " + (kind == QUEUE ? "queue" : "pipe"));
        }
        return new SampleFile(seg);
    }

    private static String newName(String what) {
        return "mp4j-sample-" + ME + "-" + what + NAMES.incrementAndGet() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }

    String name() {
        return seg.name();
    }

    int capacity() {
        return seg.getInt(CAPACITY_AT);
    }

    boolean joinable() {
        return seg.getInt(JOINABLE_AT) == 1;
    }

    boolean duplex() {
        return seg.getInt(DUPLEX_AT) == 1;
    }

    // ---- the lock

    void lock() {
        long me = ME << 32 | (Thread.currentThread().getId() & 0xFFFF_FFFFL);
        BackoffIdleStrategy idle = new BackoffIdleStrategy(BackoffIdleStrategy.SPINS, BackoffIdleStrategy.YIELDS, 20_000, Long.MAX_VALUE);
        long nextCheck = System.nanoTime() + LIVENESS_CHECK_NANOS;
        while (!seg.compareAndSetLong(LOCK_AT, 0, me)) {
            long holder = seg.getLongVolatile(LOCK_AT);
            if (holder != 0 && System.nanoTime() - nextCheck > 0) {
                nextCheck = System.nanoTime() + LIVENESS_CHECK_NANOS;
                if (ProcessLiveness.isDead(holder >>> 32) && seg.compareAndSetLong(LOCK_AT, holder, me)) {
                    return;
                }
            }
            idle.idle();
        }
    }

    void unlock() {
        seg.putLongRelease(LOCK_AT, 0);
    }

    // ---- rings, under the lock except where said

    private static int ring(int r) {
        return RINGS_AT + r * RING_BYTES;
    }

    private static int slot(int r, long index) {
        return ring(r) + 64 + (int) (index % SLOTS) * SLOT;
    }

    /** @return the items in ring {@code r}; without the lock, a moment's view */
    int size(int r) {
        return (int) (seg.getLongAcquire(ring(r) + 8) - seg.getLongAcquire(ring(r)));
    }

    /** @return whether ring {@code r} has room for one more item */
    boolean hasRoom(int r) {
        int count = size(r);
        int cap = capacity();
        return count < SLOTS && (cap == 0 || count < cap);
    }

    /** Appends an item (made by {@link #prepare}); false if there is no room. */
    boolean append(int r, Prepared item) {
        if (!hasRoom(r)) {
            return false;
        }
        long tail = seg.getLong(ring(r) + 8);
        int at = slot(r, tail);
        seg.putInt(at, item.length);
        seg.putInt(at + 4, item.overflow == null ? 0 : 1);
        byte[] inline = item.overflow == null ? item.bytes : item.overflow.name().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        seg.putInt(at + 8, inline.length);
        seg.putBytes(at + 12, inline, 0, inline.length);
        if (joinable()) {
            seg.putLong(UNFINISHED_AT, seg.getLong(UNFINISHED_AT) + 1);
        }
        seg.putLongRelease(ring(r) + 8, tail + 1);
        return true;
    }

    /** @return the length of the next item of ring {@code r}, or -1; without the lock, a moment's view */
    int headLength(int r) {
        long head = seg.getLongAcquire(ring(r));
        if (seg.getLongAcquire(ring(r) + 8) == head) {
            return -1;
        }
        return seg.getInt(slot(r, head));
    }

    /**
     * Removes the next item of ring {@code r} if it is at most {@code maxLength} long; {@link #take} finishes the
     * job after the lock is released.
     *
     * @return what was removed, or null if the ring is empty or its next item is longer
     */
    Removed remove(int r, int maxLength) {
        long head = seg.getLong(ring(r));
        if (seg.getLong(ring(r) + 8) == head) {
            return null;
        }
        int at = slot(r, head);
        int length = seg.getInt(at);
        if (length > maxLength) {
            return null;
        }
        boolean overflow = seg.getInt(at + 4) == 1;
        byte[] stored = new byte[seg.getInt(at + 8)];
        seg.getBytes(at + 12, stored, 0, stored.length);
        seg.putLongRelease(ring(r), head + 1);
        return new Removed(length, overflow, stored);
    }

    /** What {@link #remove} took out of a ring: the item, or the name of the file that holds it. */
    record Removed(int length, boolean overflow, byte[] stored) {}

    /**
     * The item itself: read from its own file, which is then removed, outside the lock. A reader that dies here
     * loses this item only.
     */
    static byte[] take(Removed r) {
        if (!r.overflow()) {
            return r.stored();
        }
        MappedSegment big = MappedSegment.attach(new String(r.stored(), java.nio.charset.StandardCharsets.UTF_8));
        byte[] item = new byte[r.length()];
        big.getBytes(0, item, 0, item.length);
        big.unlink();
        return item;
    }

    // ---- a joinable queue's count of unfinished items, under the lock

    long unfinished() {
        return seg.getLongVolatile(UNFINISHED_AT);
    }

    boolean finishOne() {
        long n = seg.getLong(UNFINISHED_AT);
        if (n == 0) {
            return false;
        }
        seg.putLongRelease(UNFINISHED_AT, n - 1);
        return true;
    }

    // ---- a pipe's copies, under the lock

    /** One more open copy of {@code end} in this process. */
    void addCopy(int end) {
        int free = -1;
        for (int i = 0; i < ENTRIES; i++) {
            int at = COPIES_AT + i * 16;
            long pid = seg.getLong(at);
            if (pid == ME && seg.getInt(at + 8) == end) {
                seg.putInt(at + 12, seg.getInt(at + 12) + 1);
                return;
            }
            if (free < 0 && (pid == 0 || seg.getInt(at + 12) == 0 || ProcessLiveness.isDeadCached(pid))) {
                free = at;
            }
        }
        if (free < 0) {
            throw new IllegalStateException("the sample transport tracks the copies of at most " + ENTRIES + " processes per pipe");
        }
        seg.putLong(free, ME);
        seg.putInt(free + 8, end);
        seg.putInt(free + 12, 1);
    }

    /** One open copy of {@code end} in this process fewer. */
    void removeCopy(int end) {
        for (int i = 0; i < ENTRIES; i++) {
            int at = COPIES_AT + i * 16;
            if (seg.getLong(at) == ME && seg.getInt(at + 8) == end && seg.getInt(at + 12) > 0) {
                seg.putInt(at + 12, seg.getInt(at + 12) - 1);
                return;
            }
        }
    }

    void addTicket(long ticket, int end) {
        for (int i = 0; i < ENTRIES; i++) {
            int at = TICKETS_AT + i * 16;
            if (seg.getLong(at) == 0) {
                seg.putInt(at + 8, end);
                seg.putLong(at, ticket);
                return;
            }
        }
        throw new IllegalStateException("the sample transport tracks at most " + ENTRIES + " pipe ends in flight per pipe");
    }

    /** @return whether the ticket was there (and is now gone) */
    boolean removeTicket(long ticket) {
        for (int i = 0; i < ENTRIES; i++) {
            int at = TICKETS_AT + i * 16;
            if (seg.getLong(at) == ticket) {
                seg.putLong(at, 0);
                return true;
            }
        }
        return false;
    }

    /**
     * @return the open copies of {@code end}, in live processes or in flight. Under the lock: a copy that attaches
     *         takes its ticket and adds itself in one step, and a reader must never see the moment between.
     */
    int openCopies(int end) {
        int open = 0;
        for (int i = 0; i < ENTRIES; i++) {
            int at = COPIES_AT + i * 16;
            long pid = seg.getLong(at);
            int count = seg.getInt(at + 12);
            if (pid != 0 && count > 0 && seg.getInt(at + 8) == end && (pid == ME || !ProcessLiveness.isDeadCached(pid))) {
                open += count;
            }
            int t = TICKETS_AT + i * 16;
            if (seg.getLong(t) != 0 && seg.getInt(t + 8) == end) {
                open++;
            }
        }
        return open;
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
            p.overflow().unlink();
        }
    }

    // ---- waiting

    /** Waits a step, not past the deadline ({@code Long.MAX_VALUE}: none); false once the deadline has passed. */
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

    static BackoffIdleStrategy idle() {
        return new BackoffIdleStrategy(BackoffIdleStrategy.SPINS, BackoffIdleStrategy.YIELDS, 20_000,
                TimeUnit.MILLISECONDS.toNanos(20));
    }
}
