package dev.mp4j.transport.shm;

import dev.mp4j.shm.HolderTable;
import dev.mp4j.shm.MappedSegment;
import dev.mp4j.shm.ParkedWaiters;
import dev.mp4j.shm.ProcessLiveness;
import dev.mp4j.spi.HighWaterMark;

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
import static dev.mp4j.transport.shm.ChannelLayout.JOINABLE_AT;
import static dev.mp4j.transport.shm.ChannelLayout.KIND_AT;
import static dev.mp4j.transport.shm.ChannelLayout.MAGIC;
import static dev.mp4j.transport.shm.ChannelLayout.MAGIC_AT;
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
    private final HolderTable table;

    private Channel(MappedSegment base, int rings) {
        this.base = base;
        this.name = base.name();
        this.rings = new Ring[rings];
        for (int r = 0; r < rings; r++) {
            this.rings[r] = new Ring(base, name, r);
        }
        this.joinWaiters = new ParkedWaiters(base, ChannelLayout.JOIN_WAITERS_AT);
        this.table = new HolderTable(base, ChannelLayout.TABLE_AT, base.name());
    }

    /** Makes a channel, published only once whole; the caller then adds its holders. */
    static Channel create(int kind, int capacity, boolean joinable, boolean duplex) {
        long highWater = kind == ChannelLayout.SERVER ? 0 : HighWaterMark.bytes(); // before any file exists
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
        base.putLong(ChannelLayout.HIGH_WATER_AT, highWater);
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
        return table.isGone();
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

    // ---- who holds it: the holder table

    /** @return the table of who holds the channel */
    HolderTable table() {
        return table;
    }

    /** @see HolderTable#openCount */
    int openCount(int end) {
        return table.openCount(end);
    }

    /** @see HolderTable#hold */
    void hold(int end, long ticket) throws IOException {
        table.hold(end, ticket);
    }

    /** One holder of {@code end} in this process fewer; removes the channel's files if that was the last one. */
    void release(int end) {
        if (table.release(end)) {
            remove();
        }
    }

    /** Refuses every later {@link #hold}: for a server that stops accepting. */
    void seal() {
        table.seal();
    }

    /** @see HolderTable#depart */
    long depart(int end) {
        return table.depart(end);
    }

    /** Gives back a ticket that will never be used; idempotent. */
    void releaseTicket(long ticket) {
        if (table.releaseTicket(ticket)) {
            remove();
        }
    }

    /** @see HolderTable#holders */
    int holders(int end) {
        return table.holders(end);
    }

    private void remove() {
        base.putIntVolatile(MAGIC_AT, 0);
        unlinkAll(name);
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
