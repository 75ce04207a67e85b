package dev.mp4j.shm;

import dev.mp4j.RLock;
import dev.mp4j.runtime.Token;

import java.io.Serial;

/** The {@link RLock} of {@code Context.rlock()} and of every shared value: reentrant, robust. */
final class ShmRLock extends BaseLock implements RLock {
    @Serial
    private static final long serialVersionUID = 1L;

    ShmRLock(MappedSegment seg, int base, Token token) {
        super(new LockCore(seg, base, true), token);
    }

    static ShmRLock create() {
        MappedSegment seg = MappedSegment.create(Names.generate(), Kind.RLOCK, LockLayout.SIZE);
        seg.publish();
        return new ShmRLock(Segments.adopt(seg), LockLayout.BASE, Kind.RLOCK.token(seg.name()));
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
