package dev.mp4j.shm;

import java.io.Serial;

/** The {@link dev.mp4j.Lock} of {@code Context.lock()}: one holder, not reentrant, robust. */
final class ShmLock extends BaseLock {
    @Serial
    private static final long serialVersionUID = 1L;

    ShmLock(Segment seg, Handle handle) {
        super(new LockCore(seg, LockLayout.BASE, false), handle);
    }

    static ShmLock create() {
        Segment seg = Segment.create(Names.generate(), Kind.LOCK, LockLayout.SIZE);
        seg.publish();
        return new ShmLock(Segments.adopt(seg), Handle.of(Kind.LOCK, seg.name));
    }
}
