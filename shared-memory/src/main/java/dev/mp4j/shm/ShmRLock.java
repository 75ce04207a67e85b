package dev.mp4j.shm;

import dev.mp4j.RLock;

import java.io.Serial;

/** The {@link RLock} of {@code Context.rlock()} and of every shared value: reentrant, robust. */
final class ShmRLock extends BaseLock implements RLock {
    @Serial
    private static final long serialVersionUID = 1L;

    ShmRLock(Segment seg, int base, Handle handle) {
        super(new LockCore(seg, base, true), handle);
    }

    static ShmRLock create() {
        Segment seg = Segment.create(Names.generate(), Kind.RLOCK, LockLayout.SIZE);
        seg.publish();
        return new ShmRLock(Segments.adopt(seg), LockLayout.BASE, Handle.of(Kind.RLOCK, seg.name));
    }

    @Override
    public int holdCount() {
        return core.holdCount(LockCore.currentOwner());
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return core.isHeldBy(LockCore.currentOwner());
    }
}
