package dev.mp4j.shm;

import dev.mp4j.SharedInt;

import java.io.Serial;

/** {@link SharedInt}: one {@code int} in a {@link ValueLayout} block. */
final class ShmInt extends ShmValue implements SharedInt {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final int AT = ValueLayout.element(0, Integer.BYTES);

    ShmInt(Segment seg, Handle handle) {
        super(seg, handle);
    }

    static ShmInt create(int initial) {
        Segment seg = create(Kind.INT, 1, Integer.BYTES);
        seg.setInt(AT, initial);
        return new ShmInt(publish(seg), Handle.of(Kind.INT, seg.name));
    }

    @Override
    public int get() {
        return seg().getIntVolatile(AT);
    }

    @Override
    public void set(int v) {
        seg().setIntVolatile(AT, v);
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
        return seg().casInt(AT, expect, update);
    }

    @Override
    public String toString() {
        return Integer.toString(get());
    }
}
