package dev.mp4j.shm;

import dev.mp4j.SharedInt;
import dev.mp4j.runtime.Token;

import java.io.Serial;

/** {@link SharedInt}: one {@code int} in a {@link ValueLayout} block. */
final class ShmInt extends ShmValue implements SharedInt {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final int AT = ValueLayout.element(0, Integer.BYTES);

    ShmInt(MappedSegment seg, Token token) {
        super(seg, token);
    }

    static ShmInt create(int initial) {
        MappedSegment seg = create(Kind.INT, 1, Integer.BYTES);
        seg.putInt(AT, initial);
        return new ShmInt(publish(seg), Kind.INT.token(seg.name()));
    }

    @Override
    public int get() {
        return seg().getIntVolatile(AT);
    }

    @Override
    public void set(int v) {
        seg().putIntVolatile(AT, v);
    }

    @Override
    public int getAndAdd(int d) {
        return seg().getAndAddInt(AT, d);
    }

    @Override
    public int addAndGet(int d) {
        return seg().getAndAddInt(AT, d) + d;
    }

    @Override
    public int incrementAndGet() {
        return addAndGet(1);
    }

    @Override
    public boolean compareAndSet(int expect, int update) {
        return seg().compareAndSetInt(AT, expect, update);
    }

    @Override
    public String toString() {
        return Integer.toString(get());
    }
}
