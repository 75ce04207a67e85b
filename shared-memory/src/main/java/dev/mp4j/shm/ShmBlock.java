package dev.mp4j.shm;

import dev.mp4j.SharedMemory;
import dev.mp4j.runtime.Token;

import java.io.Serial;
import java.nio.ByteBuffer;

/** {@link SharedMemory}: a raw block, every byte the user's. Each attach maps it anew. */
final class ShmBlock implements SharedMemory {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String name;
    private final long size;
    private transient volatile MappedSegment seg;

    private ShmBlock(MappedSegment seg) {
        this.name = seg.name();
        this.size = seg.capacity();
        this.seg = seg;
    }

    static ShmBlock create(String name, long size) {
        return new ShmBlock(MappedSegment.create(name, size));
    }

    static ShmBlock attach(String name) {
        return new ShmBlock(MappedSegment.attach(name));
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
        MappedSegment s = seg;
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
        MappedSegment.unlink(name);  // by name: works after close() too
    }

    @Override
    public String toString() {
        return "SharedMemory[" + name + ", " + size + " bytes" + (seg == null ? ", closed]" : "]");
    }

    @Serial
    private Object writeReplace() {
        return new Token(ShmTokenResolver.MEMORY, "", name, 0, null);
    }
}
