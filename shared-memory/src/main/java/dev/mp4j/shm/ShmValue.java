package dev.mp4j.shm;

import dev.mp4j.RLock;

import java.io.Serial;
import java.io.Serializable;

/**
 * What the shared values and arrays share: the block, its lock, and closing. Elements are reached only
 * through {@link #seg()}, which refuses once this process closed its view.
 */
abstract class ShmValue implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Segment seg;
    private final transient int length;
    private final Handle handle;
    private transient volatile boolean closed;
    private transient volatile ShmRLock lock;

    ShmValue(Segment seg, Handle handle) {
        this.seg = seg;
        this.handle = handle;
        this.length = seg.getInt(ValueLayout.LENGTH);
    }

    static Segment create(Kind kind, int length, int elementBytes) {
        if (length < 0) {
            throw new IllegalArgumentException("an array length must not be negative: " + length);
        }
        Segment seg = Segment.create(Names.generate(), kind, ValueLayout.sizeFor(length, elementBytes));
        seg.setInt(ValueLayout.LENGTH, length);
        return seg;
    }

    /** Publishes a block the subclass has filled, and keeps it mapped for re-attaches in this JVM. */
    static Segment publish(Segment seg) {
        seg.publish();
        return Segments.adopt(seg);
    }

    final Segment seg() {
        if (closed) {
            throw new IllegalStateException(getClass().getSimpleName().replace("Shm", "Shared") + " " + seg.name
                    + " is closed in this process");
        }
        return seg;
    }

    final int len() {
        seg();
        return length;
    }

    final int checkIndex(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for shared array " + seg.name
                    + " of length " + length);
        }
        return index;
    }

    final void checkLength(int given) {
        if (given != length) {
            throw new IllegalArgumentException("copyFrom needs exactly " + length + " values, got " + given);
        }
    }

    public final RLock lock() {
        seg();
        ShmRLock l = lock;
        if (l == null) {
            l = new ShmRLock(seg, ValueLayout.LOCK, handle.lockOfValue());
            lock = l;
        }
        return l;
    }

    public final String name() {
        return seg.name;
    }

    public final void close() {
        closed = true;
    }

    @Serial
    final Object writeReplace() {
        return handle;
    }
}
