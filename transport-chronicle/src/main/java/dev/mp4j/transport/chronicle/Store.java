package dev.mp4j.transport.chronicle;

import dev.mp4j.shm.HolderTable;
import dev.mp4j.shm.MappedSegment;
import dev.mp4j.shm.ParkedWaiters;
import dev.mp4j.shm.ProcessLiveness;
import dev.mp4j.spi.HighWaterMark;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.mp4j.transport.chronicle.StoreLayout.CAPACITY_AT;
import static dev.mp4j.transport.chronicle.StoreLayout.DUPLEX_AT;
import static dev.mp4j.transport.chronicle.StoreLayout.JOINABLE_AT;
import static dev.mp4j.transport.chronicle.StoreLayout.KIND_AT;
import static dev.mp4j.transport.chronicle.StoreLayout.MAGIC;
import static dev.mp4j.transport.chronicle.StoreLayout.MAGIC_AT;
import static dev.mp4j.transport.chronicle.StoreLayout.VERSION_AT;

/**
 * One queue or pipe of the chronicle transport, as this process sees it: its state ({@link StoreLayout}), its
 * streams, and (unless durable) the table of who holds it.
 *
 * <p>A non-durable store lives in the shared-memory folder: its state a segment, its journals in the segment's
 * folder part. The last holder to let go removes both; when every holder was killed, the process tree's clean-up
 * does, when the tree's root ends or at the next start.
 *
 * <p>A durable store lives in a folder the user names: {@code <name>.state} and the journal folder {@code <name>}.
 * mp4j never removes them; a journal's roll-cycle files (one a day) are removed once every item in them was taken.
 */
final class Store {
    static final String PREFIX = "mp4j-chronq-";
    static final String DURABLE_PREFIX = "durable:";
    private static final long ME = ProcessLiveness.currentPid();
    private static final AtomicLong NAMES = new AtomicLong();
    private static final long MAKING_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    final MappedSegment state;
    final String name;
    final Stream[] streams;
    final ParkedWaiters joinWaiters;
    /** Null for a durable store: it is never removed. */
    final HolderTable table;
    private final Path folder;

    private Store(MappedSegment state, String name, Path folder, int kind, boolean durable) {
        this.state = state;
        this.name = name;
        this.folder = folder;
        int count = kind == StoreLayout.PIPE ? 2 : 1;
        this.streams = new Stream[count];
        for (int s = 0; s < count; s++) {
            Path journal = folder.resolve(Integer.toString(s));
            streams[s] = new Stream(state, s, journal, durable);
        }
        this.joinWaiters = new ParkedWaiters(state, StoreLayout.JOIN_WAITERS_AT);
        this.table = durable ? null : new HolderTable(state, StoreLayout.TABLE_AT, name);
    }

    int capacity() {
        return state.getInt(CAPACITY_AT);
    }

    boolean joinable() {
        return state.getInt(JOINABLE_AT) == 1;
    }

    boolean duplex() {
        return state.getInt(DUPLEX_AT) == 1;
    }

    /** Makes a store, published only once whole; the caller then adds its holders. */
    static Store create(int kind, int capacity, boolean joinable, boolean duplex) throws IOException {
        long highWater = HighWaterMark.bytes(); // before any file exists
        String name = PREFIX + ME + "-" + NAMES.incrementAndGet() + "-"
                + String.format("%016x", ThreadLocalRandom.current().nextLong());
        try {
            MappedSegment state = MappedSegment.create(name, StoreLayout.BYTES);
            Path folder;
            try {
                folder = MappedSegment.createPartFolder(name, StoreLayout.FOLDER);
            } catch (RuntimeException e) {
                state.unlink();
                throw e;
            }
            fill(state, kind, capacity, joinable, duplex, highWater);
            return new Store(state, name, folder, kind, false);
        } catch (RuntimeException e) {
            throw new IOException("cannot make a chronicle " + what(kind) + " in " + MappedSegment.folder() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void fill(MappedSegment state, int kind, int capacity, boolean joinable, boolean duplex,
                             long highWater) {
        state.putInt(VERSION_AT, StoreLayout.LAYOUT_VERSION);
        state.putLong(StoreLayout.HIGH_WATER_AT, highWater);
        state.putInt(KIND_AT, kind);
        state.putInt(CAPACITY_AT, capacity);
        state.putInt(JOINABLE_AT, joinable ? 1 : 0);
        state.putInt(DUPLEX_AT, duplex ? 1 : 0);
        state.putIntVolatile(MAGIC_AT, MAGIC);
    }

    private static String what(int kind) {
        return kind == StoreLayout.QUEUE ? "queue" : "pipe";
    }

    /** Maps a store another process made, checking that it is one, of this kind and layout. */
    static Store attach(String name, int kind) throws IOException {
        String what = what(kind);
        if (!name.startsWith(PREFIX) || name.indexOf('/') >= 0) {
            throw new IOException("\"" + name + "\" is not the name of a chronicle " + what);
        }
        MappedSegment state;
        try {
            state = MappedSegment.attach(name);
        } catch (NoSuchElementException e) {
            throw new IOException("no chronicle " + what + " named " + name + " any more: every process that held it"
                    + " let go", e);
        } catch (RuntimeException e) {
            throw new IOException("cannot open the chronicle " + what + " " + name + ": " + e.getMessage(), e);
        }
        check(state, name, kind);
        return new Store(state, name, MappedSegment.folder().resolve(MappedSegment.partName(name, StoreLayout.FOLDER)),
                kind, false);
    }

    private static void check(MappedSegment state, String name, int kind) throws IOException {
        String what = what(kind);
        if (state.capacity() < StoreLayout.BYTES || state.getIntVolatile(MAGIC_AT) != MAGIC) {
            throw new IOException(name + " is not a chronicle " + what + ", or it is gone");
        }
        if (state.getInt(VERSION_AT) != StoreLayout.LAYOUT_VERSION) {
            throw new IOException(name + " has layout version " + state.getInt(VERSION_AT) + " but this mp4j reads "
                    + StoreLayout.LAYOUT_VERSION + "; every process must run the same mp4j");
        }
        if (state.getInt(KIND_AT) != kind) {
            throw new IOException(name + " is not a chronicle " + what);
        }
    }

    /** @return the name a durable queue is known by to the runtime: its folder and its name there */
    static String durableName(Path folder, String queue) {
        return DURABLE_PREFIX + folder.toAbsolutePath().normalize().resolve(queue);
    }

    /**
     * Opens the durable queue {@code durableName} names, making it (and its folder, {@code rwx------}) if need be.
     * Any number of processes, of any trees, may open one at once.
     */
    static Store openDurable(String durableName) throws IOException {
        Path path = Path.of(durableName.substring(DURABLE_PREFIX.length()));
        Path dir = path.getParent();
        String queue = path.getFileName().toString();
        try {
            privateFolder(dir);
            // Chronicle makes its files with the umask's mode (rw-r--r--): the journal's folders keep them private
            privateFolder(dir.resolve(queue));
            privateFolder(dir.resolve(queue).resolve("0"));
            MappedSegment state = MappedSegment.mapFile(dir.resolve(queue + ".state"), StoreLayout.BYTES);
            initialize(state, durableName);
            check(state, durableName, StoreLayout.QUEUE);
            return new Store(state, durableName, dir.resolve(queue), StoreLayout.QUEUE, true);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("cannot open the durable queue " + path + ": " + e.getMessage(), e);
        }
    }

    /** Makes {@code dir} ({@code rwx------}) with its parents, unless it exists: then it is left as it is. */
    private static void privateFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException madeMeanwhile) {
                // by another process opening the same queue
            }
        }
    }

    /** The first process to map a new durable state fills it in; the others wait until it has. */
    private static void initialize(MappedSegment state, String name) throws IOException {
        if (state.compareAndSetInt(MAGIC_AT, 0, StoreLayout.MAKING)) {
            // no mark: a durable queue is a backlog on disk, meant to hold what its consumers have not come for yet
            fill(state, StoreLayout.QUEUE, 0, false, false, 0);
            return;
        }
        long deadline = System.nanoTime() + MAKING_TIMEOUT_NANOS;
        while (state.getIntVolatile(MAGIC_AT) == StoreLayout.MAKING) {
            if (System.nanoTime() - deadline > 0) {
                // its maker died half-way: the header holds nothing else yet
                state.compareAndSetInt(MAGIC_AT, StoreLayout.MAKING, 0);
                initialize(state, name);
                return;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * Lets go of this handle: its journals in this process, and its count in the table; the last holder in any
     * live process removes the store's files. Each handle is a store object of its own (two ends of one pipe in
     * one process too), so closing one leaves the others working.
     */
    void release(int end) {
        closeStreams();
        if (table != null && table.release(end)) {
            remove();
        }
    }

    /** Gives back a departure ticket; the last holder's removes the files. */
    void releaseTicket(long ticket) {
        if (table.releaseTicket(ticket)) {
            remove();
        }
    }

    void closeStreams() {
        for (Stream s : streams) {
            s.close();
        }
    }

    private void remove() {
        closeStreams();
        state.putIntVolatile(MAGIC_AT, 0);
        MappedSegment.deletePartFolder(folder);
        try {
            state.unlink();
        } catch (RuntimeException goneAlready) {
            // removed meanwhile
        }
    }
}
