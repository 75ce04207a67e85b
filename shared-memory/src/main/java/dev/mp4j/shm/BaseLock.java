package dev.mp4j.shm;

import dev.mp4j.Condition;
import dev.mp4j.Lock;
import dev.mp4j.runtime.Token;

import java.io.Serial;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** What {@link ShmLock} and {@link ShmRLock} share: {@link java.util.concurrent.locks.Lock} over a {@link LockCore}. */
abstract sealed class BaseLock implements Lock permits ShmLock, ShmRLock {
    @Serial
    private static final long serialVersionUID = 1L;

    final transient LockCore core;
    private final Token token;

    BaseLock(LockCore core, Token token) {
        this.core = core;
        this.token = token;
    }

    /** A non-reentrant lock cannot be taken again by its holder; refuse before blocking forever. */
    private void checkNotSelfDeadlock(long me) {
        if (!core.reentrant && core.isHeldBy(me)) {
            throw new IllegalMonitorStateException("lock " + core.seg.name()
                    + " is already held by the current thread and is not reentrant; use Context.rlock()");
        }
    }

    @Override
    public final void lock() {
        long me = LockCore.currentOwner();
        if (core.tryAcquire(me)) {
            return;
        }
        checkNotSelfDeadlock(me);
        core.acquireUninterruptibly(me);
    }

    @Override
    public final void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long me = LockCore.currentOwner();
        if (core.tryAcquire(me)) {
            return;
        }
        checkNotSelfDeadlock(me);
        core.acquire(me, -1, true);
    }

    @Override
    public final boolean tryLock() {
        return core.tryAcquire(LockCore.currentOwner());
    }

    @Override
    public final boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long me = LockCore.currentOwner();
        if (core.tryAcquire(me)) {
            return true;
        }
        if (!core.reentrant && core.isHeldBy(me)) {
            return false;
        }
        return core.acquire(me, Math.max(0, unit.toNanos(time)), true);
    }

    @Override
    public final void unlock() {
        core.release(LockCore.currentOwner());
    }

    @Override
    public final Held hold() {
        lock();
        return new Held() {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    unlock();
                }
            }
        };
    }

    @Override
    public final Condition newCondition() {
        return ShmCondition.create(this);
    }

    @Override
    public final String toString() {
        long me = LockCore.currentOwner();
        String state = core.isHeldBy(me) ? "held by the current thread" : core.isLocked() ? "locked" : "unlocked";
        return getClass().getSimpleName().substring(3) + "[" + core.seg.name() + ", " + state + "]";
    }

    @Serial
    final Object writeReplace() {
        return token;
    }
}
