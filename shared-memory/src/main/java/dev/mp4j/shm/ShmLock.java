package dev.mp4j.shm;

import dev.mp4j.runtime.Token;

import java.io.Serial;

/** The {@link dev.mp4j.Lock} of {@code Context.lock()}: one holder, not reentrant, robust. */
final class ShmLock extends BaseLock {
    @Serial
    private static final long serialVersionUID = 1L;

    ShmLock(MappedSegment seg, Token token) {
        super(new LockCore(seg, LockLayout.BASE, false), token);
    }

    static ShmLock create() {
        MappedSegment seg = MappedSegment.create(Names.generate(), Kind.LOCK, LockLayout.SIZE);
        seg.publish();
        return new ShmLock(Segments.adopt(seg), Kind.LOCK.token(seg.name()));
    }
}
