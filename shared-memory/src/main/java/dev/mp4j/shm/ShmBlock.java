package dev.mp4j.shm;

import dev.mp4j.MpException;
import dev.mp4j.SharedMemory;

import java.io.IOException;
import java.io.Serial;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/** {@link SharedMemory}: a raw block, every byte the user's. Each attach maps it anew. */
final class ShmBlock implements SharedMemory {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String name;
    private final long size;
    private transient volatile Segment seg;

    private ShmBlock(Segment seg) {
        this.name = seg.name;
        this.size = seg.size();
        this.seg = seg;
    }

    static ShmBlock create(String name, long size) {
        ShmDirectory.checkName(name);
        if (size <= 0 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shared memory size must be 1 to " + Integer.MAX_VALUE
                    + " bytes (a ByteBuffer addresses at most 2 GiB - 1), got " + size);
        }
        return new ShmBlock(Segment.createRaw(name, size));
    }

    static ShmBlock attach(String name) {
        return new ShmBlock(Segment.attachRaw(name));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public ByteBuffer buffer() {
        Segment s = seg;
        if (s == null) {
            throw new IllegalStateException("shared memory \"" + name + "\" is closed in this process;"
                    + " attach to it again with attachSharedMemory(name)");
        }
        return s.view();
    }

    @Override
    public void close() {
        seg = null;
    }

    @Override
    public void unlink() {
        try {
            Files.delete(ShmDirectory.pathOf(name));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("shared memory \"" + name + "\" is already unlinked", e);
        } catch (IOException e) {
            throw new MpException("cannot unlink shared memory \"" + name + "\": " + e.getMessage(), e);
        }
        Tree.get().unlinked(name);
    }

    @Override
    public String toString() {
        return "SharedMemory[" + name + ", " + size + " bytes" + (seg == null ? ", closed]" : "]");
    }

    @Serial
    private Object writeReplace() {
        return new Handle(null, name, false, null);
    }
}
