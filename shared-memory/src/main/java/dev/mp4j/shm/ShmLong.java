package dev.mp4j.shm;

import dev.mp4j.SharedLong;
import dev.mp4j.runtime.Token;

import java.io.Serial;

/** {@link SharedLong}: one {@code long} in a {@link ValueLayout} block. */
final class ShmLong extends ShmValue implements SharedLong {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final int AT = ValueLayout.element(0, Long.BYTES);

    ShmLong(MappedSegment seg, Token token) {
        super(seg, token);
    }

    static ShmLong create(long initial) {
        MappedSegment seg = create(Kind.LONG, 1, Long.BYTES);
        seg.putLong(AT, initial);
        return new ShmLong(publish(seg), Kind.LONG.token(seg.name()));
    }

    @Override
    public long get() {
        return seg().getLongVolatile(AT);
    }

    @Override
    public void set(long v) {
        seg().putLongVolatile(AT, v);
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
        return seg().compareAndSetLong(AT, expect, update);
    }

    @Override
    public String toString() {
        return Long.toString(get());
    }
}
