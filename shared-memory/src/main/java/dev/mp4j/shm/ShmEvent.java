package dev.mp4j.shm;

import dev.mp4j.Event;
import dev.mp4j.runtime.Token;

import java.io.Serial;
import java.time.Duration;
import java.util.Objects;

/** {@link Event} over an {@link EventLayout}: a flag and a count of sets in one word, so that a set-then-clear still wakes. */
final class ShmEvent implements Event {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient MappedSegment seg;
    private final Token token;
    private final transient ParkedWaiters parked;

    ShmEvent(MappedSegment seg, Token token) {
        this.seg = seg;
        this.token = token;
        this.parked = new ParkedWaiters(seg, EventLayout.BELL);
    }

    static ShmEvent create() {
        MappedSegment seg = MappedSegment.create(Names.generate(), Kind.EVENT, EventLayout.SIZE);
        seg.publish();
        return new ShmEvent(Segments.adopt(seg), Kind.EVENT.token(seg.name()));
    }

    @Override
    public void set() {
        for (;;) {
            long v = seg.getLongVolatile(EventLayout.STATE);
            if ((v & EventLayout.FLAG) != 0) {
                return;
            }
            if (seg.compareAndSetLong(EventLayout.STATE, v, v + 2 | EventLayout.FLAG)) {
                parked.wake();
                return;
            }
        }
    }

    @Override
    public void clear() {
        for (;;) {
            long v = seg.getLongVolatile(EventLayout.STATE);
            if ((v & EventLayout.FLAG) == 0 || seg.compareAndSetLong(EventLayout.STATE, v, v & ~EventLayout.FLAG)) {
                return;
            }
        }
    }

    @Override
    public boolean isSet() {
        return (seg.getLongVolatile(EventLayout.STATE) & EventLayout.FLAG) != 0;
    }

    @Override
    public void await() throws InterruptedException {
        await(-1);
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return await(Durations.toTimeoutNanos(timeout));
    }

    private boolean await(long timeoutNanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long start = seg.getLongVolatile(EventLayout.STATE);
        if ((start & EventLayout.FLAG) != 0) {
            return true;
        }
        Wait w = new Wait(timeoutNanos, parked);
        try {
            for (;;) {
                if (seg.getLongVolatile(EventLayout.STATE) != start) {
                    return true;
                }
                if (!w.pause()) {
                    return seg.getLongVolatile(EventLayout.STATE) != start;
                }
            }
        } finally {
            w.done();
        }
    }

    /** @return the threads, in every process, asleep in {@link #await} until a set rings them */
    int sleepers() {
        return parked.registered();
    }

    @Override
    public String toString() {
        return "Event[" + seg.name() + (isSet() ? ", set]" : ", clear]");
    }

    @Serial
    private Object writeReplace() {
        return token;
    }
}
