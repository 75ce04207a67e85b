package dev.mp4j.shm;

import dev.mp4j.SharedDouble;
import dev.mp4j.runtime.Token;

import java.io.Serial;

/** {@link SharedDouble}: one {@code double}, as its raw bits, in a {@link ValueLayout} block. */
final class ShmDouble extends ShmValue implements SharedDouble {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final int AT = ValueLayout.element(0, Long.BYTES);

    ShmDouble(MappedSegment seg, Token token) {
        super(seg, token);
    }

    static ShmDouble create(double initial) {
        MappedSegment seg = create(Kind.DOUBLE, 1, Long.BYTES);
        seg.putLong(AT, Double.doubleToRawLongBits(initial));
        return new ShmDouble(publish(seg), Kind.DOUBLE.token(seg.name()));
    }

    @Override
    public double get() {
        return Double.longBitsToDouble(seg().getLongVolatile(AT));
    }

    @Override
    public void set(double v) {
        seg().putLongVolatile(AT, Double.doubleToRawLongBits(v));
    }

    @Override
    public double getAndAdd(double d) {
        return DoubleBits.getAndAdd(seg(), AT, d);
    }

    @Override
    public double addAndGet(double d) {
        return DoubleBits.getAndAdd(seg(), AT, d) + d;
    }

    @Override
    public boolean compareAndSet(double expect, double update) {
        return seg().compareAndSetLong(AT, Double.doubleToRawLongBits(expect), Double.doubleToRawLongBits(update));
    }

    @Override
    public String toString() {
        return Double.toString(get());
    }
}
