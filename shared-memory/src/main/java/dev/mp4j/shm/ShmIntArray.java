package dev.mp4j.shm;

import dev.mp4j.SharedIntArray;
import dev.mp4j.runtime.Token;

import java.io.Serial;
import java.util.Arrays;
import java.util.Objects;

/** {@link SharedIntArray}: {@code int} elements, each 4-byte aligned, in a {@link ValueLayout} block. */
final class ShmIntArray extends ShmValue implements SharedIntArray {
    @Serial
    private static final long serialVersionUID = 1L;

    ShmIntArray(MappedSegment seg, Token token) {
        super(seg, token);
    }

    static ShmIntArray create(int length) {
        MappedSegment seg = create(Kind.INT_ARRAY, length, Integer.BYTES);
        return new ShmIntArray(publish(seg), Kind.INT_ARRAY.token(seg.name()));
    }

    static ShmIntArray of(int[] values) {
        Objects.requireNonNull(values, "values");
        MappedSegment seg = create(Kind.INT_ARRAY, values.length, Integer.BYTES);
        for (int i = 0; i < values.length; i++) {
            seg.putInt(at(i), values[i]);
        }
        return new ShmIntArray(publish(seg), Kind.INT_ARRAY.token(seg.name()));
    }

    private static int at(int i) {
        return ValueLayout.element(i, Integer.BYTES);
    }

    @Override
    public int length() {
        return len();
    }

    @Override
    public int get(int i) {
        return seg().getIntVolatile(at(checkIndex(i)));
    }

    @Override
    public void set(int i, int value) {
        seg().putIntVolatile(at(checkIndex(i)), value);
    }

    @Override
    public int getAndAdd(int i, int delta) {
        return seg().getAndAddInt(at(checkIndex(i)), delta);
    }

    @Override
    public int addAndGet(int i, int delta) {
        return getAndAdd(i, delta) + delta;
    }

    @Override
    public int incrementAndGet(int i) {
        return addAndGet(i, 1);
    }

    @Override
    public boolean compareAndSet(int i, int expect, int update) {
        return seg().compareAndSetInt(at(checkIndex(i)), expect, update);
    }

    @Override
    public int[] toArray() {
        MappedSegment s = seg();
        int[] out = new int[len()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.getIntVolatile(at(i));
        }
        return out;
    }

    @Override
    public void copyFrom(int[] values) {
        Objects.requireNonNull(values, "values");
        MappedSegment s = seg();
        checkLength(values.length);
        for (int i = 0; i < values.length; i++) {
            s.putIntVolatile(at(i), values[i]);
        }
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
