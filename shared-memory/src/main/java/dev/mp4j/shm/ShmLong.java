package dev.mp4j.shm;

import dev.mp4j.SharedLong;

import java.io.Serial;

/** {@link SharedLong}: one {@code long} in a {@link ValueLayout} block. */
final class ShmLong extends ShmValue implements SharedLong {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final int AT = ValueLayout.element(0, Long.BYTES);

    ShmLong(Segment seg, Handle handle) {
        super(seg, handle);
    }

    static ShmLong create(long initial) {
        Segment seg = create(Kind.LONG, 1, Long.BYTES);
        seg.setLong(AT, initial);
        return new ShmLong(publish(seg), Handle.of(Kind.LONG, seg.name));
    }

    @Override
    public long get() {
        return seg().getLongVolatile(AT);
    }

    @Override
    public void set(long v) {
        seg().setLongVolatile(AT, v);
    }

    @Override
    public long getAndAdd(long d) {
        return seg().getAndAddLong(AT, d);
    }

    @Override
    public long addAndGet(long d) {
        return seg().getAndAddLong(AT, d) + d;
    }

    @Override
    public long incrementAndGet() {
        return addAndGet(1);
    }

    @Override
    public boolean compareAndSet(long expect, long update) {
        return seg().casLong(AT, expect, update);
    }

    @Override
    public String toString() {
        return Long.toString(get());
    }
}
