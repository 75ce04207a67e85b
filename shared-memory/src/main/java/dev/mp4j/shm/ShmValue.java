package dev.mp4j.shm;

import dev.mp4j.RLock;
import dev.mp4j.runtime.Token;

import java.io.Serial;
import java.io.Serializable;

/**
 * What the shared values and arrays share: the block, its lock, and closing. Elements are reached only
 * through {@link #seg()}, which refuses once this process closed its view.
 */
abstract class ShmValue implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The detail of a token that stands for the lock of a shared value rather than the value. */
    static final String LOCK_OF_VALUE = "lock";

    private final transient MappedSegment seg;
    private final transient int length;
    private final Token token;
    private transient volatile boolean closed;
    private transient volatile ShmRLock lock;

    ShmValue(MappedSegment seg, Token token) {
        this.seg = seg;
        this.token = token;
        this.length = seg.getInt(ValueLayout.LENGTH);
    }

    static MappedSegment create(Kind kind, int length, int elementBytes) {
        if (length < 0) {
            throw new IllegalArgumentException("an array length must not be negative: " + length);
        }
        long max = ValueLayout.maxLength(elementBytes);
        if (length > max) {
            throw new IllegalArgumentException("a shared array of " + elementBytes + "-byte elements holds at most "
                    + max + " of them (a block is at most 2 GiB), not " + length
                    + "; use several arrays, or sharedMemory for raw bytes");
        }
        MappedSegment seg = MappedSegment.create(Names.generate(), kind, ValueLayout.sizeFor(length, elementBytes));
        seg.putInt(ValueLayout.LENGTH, length);
        return seg;
    }

    /** Publishes a block the subclass has filled, and keeps it mapped for re-attaches in this JVM. */
    static MappedSegment publish(MappedSegment seg) {
        seg.publish();
        return Segments.adopt(seg);
    }

    /** The token of a value's lock: the value's own token, marked {@link #LOCK_OF_VALUE}. */
    static Token lockToken(Token valueToken) {
        return new Token(valueToken.kind(), valueToken.transport(), valueToken.owner(), 0, LOCK_OF_VALUE);
    }

    final MappedSegment seg() {
        if (closed) {
            throw new IllegalStateException(getClass().getSimpleName().replace("Shm", "Shared") + " " + seg.name()
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
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for shared array " + seg.name()
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
            l = new ShmRLock(seg, ValueLayout.LOCK, lockToken(token));
            lock = l;
        }
        return l;
    }

    public final String name() {
        return seg.name();
    }

    public final void close() {
        closed = true;
    }

    @Serial
    final Object writeReplace() {
        return token;
    }
}
