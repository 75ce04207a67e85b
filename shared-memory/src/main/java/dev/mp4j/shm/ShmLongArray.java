package dev.mp4j.shm;

import dev.mp4j.SharedLongArray;
import dev.mp4j.runtime.Token;

import java.io.Serial;
import java.util.Arrays;
import java.util.Objects;

/** {@link SharedLongArray}: {@code long} elements, each 8-byte aligned, in a {@link ValueLayout} block. */
final class ShmLongArray extends ShmValue implements SharedLongArray {
    @Serial
    private static final long serialVersionUID = 1L;

    ShmLongArray(MappedSegment seg, Token token) {
        super(seg, token);
    }

    static ShmLongArray create(int length) {
        MappedSegment seg = create(Kind.LONG_ARRAY, length, Long.BYTES);
        return new ShmLongArray(publish(seg), Kind.LONG_ARRAY.token(seg.name()));
    }

    static ShmLongArray of(long[] values) {
        Objects.requireNonNull(values, "values");
        MappedSegment seg = create(Kind.LONG_ARRAY, values.length, Long.BYTES);
        for (int i = 0; i < values.length; i++) {
            seg.putLong(at(i), values[i]);
        }
        return new ShmLongArray(publish(seg), Kind.LONG_ARRAY.token(seg.name()));
    }

    private static int at(int i) {
        return ValueLayout.element(i, Long.BYTES);
    }

    @Override
    public int length() {
        return len();
    }

    @Override
    public long get(int i) {
        return seg().getLongVolatile(at(checkIndex(i)));
    }

    @Override
    public void set(int i, long value) {
        seg().putLongVolatile(at(checkIndex(i)), value);
    }

    @Override
    public long getAndAdd(int i, long delta) {
        return seg().getAndAddLong(at(checkIndex(i)), delta);
    }

    @Override
    public long addAndGet(int i, long delta) {
        return getAndAdd(i, delta) + delta;
    }

    @Override
    public long incrementAndGet(int i) {
        return addAndGet(i, 1);
    }

    @Override
    public boolean compareAndSet(int i, long expect, long update) {
        return seg().compareAndSetLong(at(checkIndex(i)), expect, update);
    }

    @Override
    public long[] toArray() {
        MappedSegment s = seg();
        long[] out = new long[len()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.getLongVolatile(at(i));
        }
        return out;
    }

    @Override
    public void copyFrom(long[] values) {
        Objects.requireNonNull(values, "values");
        MappedSegment s = seg();
        checkLength(values.length);
        for (int i = 0; i < values.length; i++) {
            s.putLongVolatile(at(i), values[i]);
        }
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
