package dev.mp4j.shm;

import dev.mp4j.Event;

import java.io.Serial;
import java.time.Duration;
import java.util.Objects;

/** {@link Event} over an {@link EventLayout}: a flag, and a count of sets so that a set-then-clear still wakes. */
final class ShmEvent implements Event {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Segment seg;
    private final Handle handle;

    ShmEvent(Segment seg, Handle handle) {
        this.seg = seg;
        this.handle = handle;
    }

    static ShmEvent create() {
        Segment seg = Segment.create(Names.generate(), Kind.EVENT, EventLayout.SIZE);
        seg.publish();
        return new ShmEvent(Segments.adopt(seg), Handle.of(Kind.EVENT, seg.name));
    }

    @Override
    public void set() {
        if (seg.getIntVolatile(EventLayout.FLAG) == 0 && seg.casInt(EventLayout.FLAG, 0, 1)) {
            seg.getAndAddInt(EventLayout.SETS, 1);
        }
    }

    @Override
    public void clear() {
        seg.setIntVolatile(EventLayout.FLAG, 0);
    }

    @Override
    public boolean isSet() {
        return seg.getIntVolatile(EventLayout.FLAG) != 0;
    }

    @Override
    public void await() throws InterruptedException {
        await(Wait.forever());
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return await(new Wait(Durations.nanos(timeout)));
    }

    private boolean await(Wait w) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        int sets = seg.getIntVolatile(EventLayout.SETS);
        for (;;) {
            if (isSet() || seg.getIntVolatile(EventLayout.SETS) != sets) {
                return true;
            }
            if (!w.pause()) {
                return isSet();
            }
        }
    }

    @Override
    public String toString() {
        return "Event[" + seg.name + (isSet() ? ", set]" : ", clear]");
    }

    @Serial
    private Object writeReplace() {
        return handle;
    }
}
