package dev.mp4j.shm;

import dev.mp4j.SharedDoubleArray;
import dev.mp4j.runtime.Token;

import java.io.Serial;
import java.util.Arrays;
import java.util.Objects;

/** {@link SharedDoubleArray}: {@code double} elements as raw bits, each 8-byte aligned, in a {@link ValueLayout} block. */
final class ShmDoubleArray extends ShmValue implements SharedDoubleArray {
    @Serial
    private static final long serialVersionUID = 1L;

    ShmDoubleArray(MappedSegment seg, Token token) {
        super(seg, token);
    }

    static ShmDoubleArray create(int length) {
        MappedSegment seg = create(Kind.DOUBLE_ARRAY, length, Long.BYTES);
        return new ShmDoubleArray(publish(seg), Kind.DOUBLE_ARRAY.token(seg.name()));
    }

    static ShmDoubleArray of(double[] values) {
        Objects.requireNonNull(values, "values");
        MappedSegment seg = create(Kind.DOUBLE_ARRAY, values.length, Long.BYTES);
        for (int i = 0; i < values.length; i++) {
            seg.putLong(at(i), Double.doubleToRawLongBits(values[i]));
        }
        return new ShmDoubleArray(publish(seg), Kind.DOUBLE_ARRAY.token(seg.name()));
    }

    private static int at(int i) {
        return ValueLayout.element(i, Long.BYTES);
    }

    @Override
    public int length() {
        return len();
    }

    @Override
    public double get(int i) {
        return Double.longBitsToDouble(seg().getLongVolatile(at(checkIndex(i))));
    }

    @Override
    public void set(int i, double value) {
        seg().putLongVolatile(at(checkIndex(i)), Double.doubleToRawLongBits(value));
    }

    @Override
    public double getAndAdd(int i, double delta) {
        return DoubleBits.getAndAdd(seg(), at(checkIndex(i)), delta);
    }

    @Override
    public double addAndGet(int i, double delta) {
        return getAndAdd(i, delta) + delta;
    }

    @Override
    public boolean compareAndSet(int i, double expect, double update) {
        return seg().compareAndSetLong(at(checkIndex(i)), Double.doubleToRawLongBits(expect),
                Double.doubleToRawLongBits(update));
    }

    @Override
    public double[] toArray() {
        MappedSegment s = seg();
        double[] out = new double[len()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.longBitsToDouble(s.getLongVolatile(at(i)));
        }
        return out;
    }

    @Override
    public void copyFrom(double[] values) {
        Objects.requireNonNull(values, "values");
        MappedSegment s = seg();
        checkLength(values.length);
        for (int i = 0; i < values.length; i++) {
            s.putLongVolatile(at(i), Double.doubleToRawLongBits(values[i]));
        }
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
