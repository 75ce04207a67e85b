package dev.mp4j.transport.shm;

import dev.mp4j.shm.MappedSegment;
import dev.mp4j.shm.ParkedWaiters;
import dev.mp4j.shm.ProcessLiveness;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static dev.mp4j.transport.shm.ChannelLayout.CAPACITY_AT;
import static dev.mp4j.transport.shm.ChannelLayout.CREATOR_AT;
import static dev.mp4j.transport.shm.ChannelLayout.DUPLEX_AT;
import static dev.mp4j.transport.shm.ChannelLayout.ENTRIES;
import static dev.mp4j.transport.shm.ChannelLayout.GONE_AT;
import static dev.mp4j.transport.shm.ChannelLayout.JOINABLE_AT;
import static dev.mp4j.transport.shm.ChannelLayout.KIND_AT;
import static dev.mp4j.transport.shm.ChannelLayout.MAGIC;
import static dev.mp4j.transport.shm.ChannelLayout.MAGIC_AT;
import static dev.mp4j.transport.shm.ChannelLayout.TABLE_LOCK_AT;
import static dev.mp4j.transport.shm.ChannelLayout.VERSION_AT;

/**
 * One queue, pipe or server in shared memory, as this process sees it: the base file ({@link ChannelLayout}), its
 * rings, and the table of who holds it. Every process that holds the channel counts in the table, by pid; the last
 * one to let go (or, when every holder was killed, the process tree's clean-up) removes its files. The table is
 * changed under a robust lock, each change ordered so that a death half-way leaves it whole: an entry's count is
 * its last word written, and a free entry is one whose count is 0 or whose process is dead.
 */
final class Channel {
    private static final long ME = ProcessLiveness.currentPid();
    private static final AtomicLong NAMES = new AtomicLong();

    final MappedSegment base;
    final String name;
    final Ring[] rings;
    final ParkedWaiters joinWaiters;
    private final JournaledLock table;

    private Channel(MappedSegment base, int rings) {
        this.base = base;
        this.name = base.name();
        this.rings = new Ring[rings];
        for (int r = 0; r < rings; r++) {
            this.rings[r] = new Ring(base, name, r);
        }
        this.joinWaiters = new ParkedWaiters(base, ChannelLayout.JOIN_WAITERS_AT);
        // the table's changes are ordered to be safe half-done, so its lock journals nothing
        this.table = new JournaledLock(base, TABLE_LOCK_AT, TABLE_LOCK_AT + Long.BYTES, 0, () -> {});
    }

    /** Makes a channel, published only once whole; the caller then adds its holders. */
    static Channel create(int kind, int capacity, boolean joinable, boolean duplex) {
        String name = "mp4j-shm-" + ME + "-" + NAMES.incrementAndGet() + "-"
                + String.format("%016x", ThreadLocalRandom.current().nextLong());
        MappedSegment base = MappedSegment.create(name, ChannelLayout.BASE_BYTES);
        int rings = ringsOf(kind);
        try {
            for (int r = 0; r < rings; r++) {
                Ring.create(base, name, r);
            }
        } catch (RuntimeException e) {
            unlinkAll(name);
            throw e;
        }
        base.putInt(VERSION_AT, ChannelLayout.LAYOUT_VERSION);
        base.putInt(KIND_AT, kind);
        base.putInt(CAPACITY_AT, capacity);
        base.putInt(JOINABLE_AT, joinable ? 1 : 0);
        base.putInt(DUPLEX_AT, duplex ? 1 : 0);
        base.putLong(CREATOR_AT, ME);
        base.putIntVolatile(MAGIC_AT, MAGIC);
        return new Channel(base, rings);
    }

    private static int ringsOf(int kind) {
        return kind == ChannelLayout.PIPE ? 2 : 1;
    }

    /** Maps a channel another process made, checking that it is one, of this kind and layout. */
    static Channel attach(String name, int kind) throws IOException {
        String what = kind == ChannelLayout.QUEUE ? "queue" : kind == ChannelLayout.PIPE ? "pipe" : "link server";
        if (!name.startsWith("mp4j-shm-")) {
            throw new IOException("\"" + name + "\" is not the name of an shm " + what);
        }
        MappedSegment base;
        try {
            base = MappedSegment.attach(name);
        } catch (NoSuchElementException e) {
            throw new IOException("no shm " + what + " named " + name + " any more: every process that held it let go",
                    e);
        } catch (RuntimeException e) {
            throw new IOException("cannot open the shm " + what + " " + name + ": " + e.getMessage(), e);
        }
        if (base.capacity() < ChannelLayout.BASE_BYTES) {
            throw new IOException(name + " is not an shm " + what);
        }
        if (base.getIntVolatile(MAGIC_AT) != MAGIC) {
            throw new IOException("the shm " + what + " " + name + " is gone: every process that held it let go");
        }
        if (base.getInt(VERSION_AT) != ChannelLayout.LAYOUT_VERSION) {
            throw new IOException(name + " has layout version " + base.getInt(VERSION_AT) + " but this mp4j reads "
                    + ChannelLayout.LAYOUT_VERSION + "; every process must run the same mp4j");
        }
        if (base.getInt(KIND_AT) != kind) {
            throw new IOException(name + " is not an shm " + what);
        }
        return new Channel(base, ringsOf(kind));
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

    /** @return whether the last holder let go: the files are removed, or about to be */
    boolean isGone() {
        return base.getIntVolatile(GONE_AT) == 1;
    }

    long creator() {
        return base.getLong(CREATOR_AT);
    }

    // ---- a joinable queue's count of unfinished items: ring 0's items ever appended less the items done

    long unfinished() {
        while (true) {
            long done = base.getLongAcquire(ChannelLayout.DONE_AT);
            long appended = rings[0].appended();
            if (base.getLongAcquire(ChannelLayout.DONE_AT) == done) {
                return appended - done;
            }
        }
    }

    /** @return false, changing nothing, if no item is unfinished */
    boolean finishOne() {
        while (true) {
            long done = base.getLongVolatile(ChannelLayout.DONE_AT);
            if (done >= rings[0].appended()) {
                return false;
            }
            if (base.compareAndSetLong(ChannelLayout.DONE_AT, done, done + 1)) {
                if (done + 1 == rings[0].appended()) {
                    joinWaiters.wake();
                }
                return true;
            }
        }
    }

    // ---- who holds it

    /** @return copies of pipe end {@code end} held now or in flight, by count: exact for closes, blind to deaths */
    int openCount(int end) {
        return base.getIntVolatile(ChannelLayout.open(end));
    }

    /**
     * Counts one more holder of {@code end} in this process: a copy of a pipe end, or a queue's handle
     * ({@link ChannelLayout#QUEUE_HOLDER}), optionally turning a departure ticket into it in the same step.
     *
     * @param ticket the ticket to take, or 0
     * @throws IOException if the channel is gone, or the ticket is not there
     */
    void hold(int end, long ticket) throws IOException {
        table.lock();
        try {
            if (base.getIntVolatile(GONE_AT) == 1) {
                throw new IOException(name + " is gone: every process that held it let go");
            }
            if (ticket != 0 && !hasTicket(ticket)) {
                throw new IOException("the copy of pipe " + name + " with ticket " + ticket
                        + " was already attached or released");
            }
            // the holder first, then the ticket: a reader of the open count without the lock never sees 0 between
            addHolder(end);
            if (ticket != 0) {
                removeTicket(ticket);
            }
        } finally {
            table.unlock();
        }
    }

    private void addHolder(int end) {
        int free = -1;
        for (int i = 0; i < ENTRIES; i++) {
            int at = ChannelLayout.holder(i);
            long pid = base.getLong(at);
            if (pid == ME && base.getInt(at + 8) == end) {
                base.putInt(at + 12, base.getInt(at + 12) + 1);
                bumpOpen(end, 1);
                return;
            }
            if (free < 0 && (pid == 0 || base.getInt(at + 12) == 0 || ProcessLiveness.isDeadCached(pid))) {
                free = at;
            }
        }
        if (free < 0) {
            throw new IllegalStateException("an shm queue or pipe is held by at most " + ENTRIES
                    + " processes at once; " + name + " has that many");
        }
        base.putInt(free + 12, 0);
        base.putLong(free, ME);
        base.putInt(free + 8, end);
        base.putInt(free + 12, 1);
        bumpOpen(end, 1);
    }

    private void bumpOpen(int end, int delta) {
        if (end < ChannelLayout.QUEUE_HOLDER) {
            base.getAndAddInt(ChannelLayout.open(end), delta);
        }
    }

    /**
     * One holder of {@code end} in this process fewer; removes the channel's files if that was the last holder
     * of any end in a live process.
     */
    void release(int end) {
        table.lock();
        try {
            for (int i = 0; i < ENTRIES; i++) {
                int at = ChannelLayout.holder(i);
                if (base.getLong(at) == ME && base.getInt(at + 8) == end && base.getInt(at + 12) > 0) {
                    base.putInt(at + 12, base.getInt(at + 12) - 1);
                    bumpOpen(end, -1);
                    break;
                }
            }
            unlinkIfUnheld();
        } finally {
            table.unlock();
        }
    }

    /** Refuses every later {@link #hold}: for a server that stops accepting. */
    void seal() {
        table.lock();
        try {
            base.putIntVolatile(GONE_AT, 1);
        } finally {
            table.unlock();
        }
    }

    /** Takes a ticket for a copy of {@code end} leaving this process; it counts as open until used or released. */
    long depart(int end) {
        long ticket;
        do {
            ticket = ThreadLocalRandom.current().nextLong();
        } while (ticket == 0);
        table.lock();
        try {
            for (int i = 0; i < ENTRIES; i++) {
                int at = ChannelLayout.ticket(i);
                long taker = base.getLong(at + 8);
                if (base.getLong(at) == 0 || taker != ME && ProcessLiveness.isDeadCached(taker)) {
                    if (base.getLong(at) != 0) {
                        // the dead sender's ticket word first, as in removeTicket: a death between the two
                        // steps then leaves the count too high (a late end of stream), never too low
                        base.putLongVolatile(at, 0);
                        bumpOpen(base.getInt(at + 16), -1);
                    }
                    base.putLong(at + 8, ME);
                    base.putInt(at + 16, end);
                    base.putLongVolatile(at, ticket);
                    bumpOpen(end, 1);
                    return ticket;
                }
            }
        } finally {
            table.unlock();
        }
        throw new IllegalStateException("an shm pipe has at most " + ENTRIES + " ends in flight at once");
    }

    /** Gives back a ticket that will never be used; idempotent. */
    void releaseTicket(long ticket) {
        table.lock();
        try {
            removeTicket(ticket);
            unlinkIfUnheld();
        } finally {
            table.unlock();
        }
    }

    private boolean hasTicket(long ticket) {
        for (int i = 0; i < ENTRIES; i++) {
            if (base.getLong(ChannelLayout.ticket(i)) == ticket) {
                return true;
            }
        }
        return false;
    }

    private boolean removeTicket(long ticket) {
        for (int i = 0; i < ENTRIES; i++) {
            int at = ChannelLayout.ticket(i);
            if (base.getLong(at) == ticket) {
                base.putLongVolatile(at, 0);
                bumpOpen(base.getInt(at + 16), -1);
                return true;
            }
        }
        return false;
    }

    /**
     * @return the holders of {@code end} that count: copies (or handles) in live processes, and copies in flight
     *         whose sender lives; a copy that attaches takes its ticket and adds itself under one lock
     */
    int holders(int end) {
        table.lock();
        try {
            return holdersLocked(end, false);
        } finally {
            table.unlock();
        }
    }

    /** @param exact whether to ask about each process now, rather than trust a verdict of the last 10 ms */
    private int holdersLocked(int end, boolean exact) {
        int open = 0;
        for (int i = 0; i < ENTRIES; i++) {
            int at = ChannelLayout.holder(i);
            long pid = base.getLong(at);
            int count = base.getInt(at + 12);
            if (pid != 0 && count > 0 && base.getInt(at + 8) == end && (pid == ME || !isDead(pid, exact))) {
                open += count;
            }
            int t = ChannelLayout.ticket(i);
            long taker = base.getLong(t + 8);
            if (base.getLong(t) != 0 && base.getInt(t + 16) == end && (taker == ME || !isDead(taker, exact))) {
                open++;
            }
        }
        return open;
    }

    private static boolean isDead(long pid, boolean exact) {
        return exact ? ProcessLiveness.isDead(pid) : ProcessLiveness.isDeadCached(pid);
    }

    /** Under the table lock: once no live process holds any end, nor a copy in flight, nobody can use it. */
    private void unlinkIfUnheld() {
        for (int end = 0; end <= ChannelLayout.QUEUE_HOLDER; end++) {
            if (holdersLocked(end, true) > 0) {
                return;
            }
        }
        if (base.getIntVolatile(MAGIC_AT) == MAGIC) {
            base.putIntVolatile(GONE_AT, 1);
            base.putIntVolatile(MAGIC_AT, 0);
            unlinkAll(name);
        }
    }

    /** Removes a channel's files: its parts (data files, big items) first, then the base file. */
    static void unlinkAll(String name) {
        Path folder = MappedSegment.folder();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, MappedSegment.partName(name, "*"))) {
            for (Path f : files) {
                unlinkQuietly(f.getFileName().toString());
            }
        } catch (IOException e) {
            // what stays, the process tree's clean-up removes
        }
        try {
            MappedSegment.unlink(name);
        } catch (RuntimeException goneAlready) {
            // removed meanwhile by another process
        }
    }

    /** Removes a part of a channel ({@link MappedSegment#createPart}) if it is still there. */
    static void unlinkQuietly(String part) {
        try {
            MappedSegment.unlinkPart(part);
        } catch (RuntimeException goneAlready) {
            // removed meanwhile by another process; what nobody removed, the tree's clean-up does with the channel
        }
    }
}
