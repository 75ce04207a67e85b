package dev.mp4j.shm;

import dev.mp4j.MpException;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.NoSuchElementException;

/**
 * One named, memory-mapped file in {@link ShmDirectory}, and atomic access to it. Every offset passed here
 * comes from a layout class and is aligned to its width, which is what makes the atomic access modes work
 * across processes: the CPU's atomics act on the physical page both processes map.
 */
final class Segment {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    final String name;
    private final MappedByteBuffer buf;

    private Segment(String name, MappedByteBuffer buf) {
        this.name = name;
        this.buf = buf;
    }

    /** Creates a block holding a structure of {@code kind}, registered with this tree for clean-up. */
    static Segment create(String name, Kind kind, int size) {
        Segment s = createRaw(name, size);
        s.setInt(Header.VERSION_OFFSET, Header.VERSION);
        s.setInt(Header.KIND_OFFSET, kind.code());
        return s;
    }

    /** Makes the header visible last, once the creator has initialised the structure. */
    void publish() {
        setIntVolatile(Header.MAGIC_OFFSET, Header.MAGIC);
    }

    /** Attaches to a block made by {@link #create}, refusing one of another kind or layout version. */
    static Segment attach(String name, Kind kind) {
        Segment s = attachRaw(name);
        if (s.size() < Header.SIZE || s.getIntVolatile(Header.MAGIC_OFFSET) != Header.MAGIC) {
            throw new IllegalStateException("shared block \"" + name + "\" is not an mp4j " + kind.displayName()
                    + " (no mp4j header)");
        }
        int version = s.getInt(Header.VERSION_OFFSET);
        if (version != Header.VERSION) {
            throw new IllegalStateException("shared block \"" + name + "\" has layout version " + version
                    + " but this mp4j reads version " + Header.VERSION + "; every process must run the same mp4j");
        }
        int code = s.getInt(Header.KIND_OFFSET);
        if (code != kind.code()) {
            throw new IllegalStateException("shared block \"" + name + "\" holds kind " + code + ", not a "
                    + kind.displayName());
        }
        return s;
    }

    /** Creates a block of plain bytes (a {@code SharedMemory}). */
    static Segment createRaw(String name, long size) {
        Path path = ShmDirectory.pathOf(name);
        Tree tree = Tree.get();
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("shared memory \"" + name + "\" already exists in " + ShmDirectory.dir()
                    + "; attach to it with attachSharedMemory(name), or choose another name", e);
        } catch (IOException e) {
            throw new MpException("cannot create shared memory " + path + ": " + e.getMessage(), e);
        }
        // recorded only once the name is ours: a refused create must neither claim nor release another's block
        tree.created(name);
        try (ch) {
            ch.write(ByteBuffer.allocate(1), size - 1);
            return new Segment(name, ch.map(FileChannel.MapMode.READ_WRITE, 0, size));
        } catch (IOException e) {
            try {
                java.nio.file.Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // the tree's clean-up removes it
            }
            throw new MpException("cannot create shared memory " + path + ": " + e.getMessage(), e);
        }
    }

    static Segment attachRaw(String name) {
        Path path = ShmDirectory.pathOf(name);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0 || size > Integer.MAX_VALUE) {
                throw new IllegalStateException("shared memory \"" + name + "\" has size " + size
                        + "; mp4j maps blocks of 1 byte to 2 GiB - 1");
            }
            return new Segment(name, ch.map(FileChannel.MapMode.READ_WRITE, 0, size));
        } catch (NoSuchFileException e) {
            NoSuchElementException ex = new NoSuchElementException("no shared memory named \"" + name + "\" in "
                    + ShmDirectory.dir() + "; it was never created, or it was unlinked when its process tree ended");
            ex.initCause(e);
            throw ex;
        } catch (IOException e) {
            throw new MpException("cannot attach shared memory " + path + ": " + e.getMessage(), e);
        }
    }

    int size() {
        return buf.capacity();
    }

    /** A new view of the whole block: position 0, big-endian, like any new buffer. */
    ByteBuffer view() {
        return buf.duplicate().clear().order(ByteOrder.BIG_ENDIAN);
    }

    int getInt(int off) {
        return (int) INT.get(buf, off);
    }

    void setInt(int off, int v) {
        INT.set(buf, off, v);
    }

    int getIntVolatile(int off) {
        return (int) INT.getVolatile(buf, off);
    }

    void setIntVolatile(int off, int v) {
        INT.setVolatile(buf, off, v);
    }

    boolean casInt(int off, int expect, int update) {
        return INT.compareAndSet(buf, off, expect, update);
    }

    int getAndAddInt(int off, int delta) {
        return (int) INT.getAndAdd(buf, off, delta);
    }

    long getLong(int off) {
        return (long) LONG.get(buf, off);
    }

    void setLong(int off, long v) {
        LONG.set(buf, off, v);
    }

    long getLongVolatile(int off) {
        return (long) LONG.getVolatile(buf, off);
    }

    void setLongVolatile(int off, long v) {
        LONG.setVolatile(buf, off, v);
    }

    boolean casLong(int off, long expect, long update) {
        return LONG.compareAndSet(buf, off, expect, update);
    }

    long getAndAddLong(int off, long delta) {
        return (long) LONG.getAndAdd(buf, off, delta);
    }
}
