package dev.mp4j.core.manager;

import dev.mp4j.RLock;

import java.io.Serial;
import java.util.concurrent.TimeUnit;

/**
 * A proxy for a managed lock, reentrant or not. The owner is the calling thread (each thread has its own
 * connection, served by its own manager thread). Waits go in slices of 100 ms, so an interrupt is seen between
 * them and the thread's connection survives it.
 */
final class LockProxy extends BaseProxy implements RLock {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final String TRY_LOCK = Protocol.sig(ServedLock.class, "tryLock");
    private static final String TRY_LOCK_NANOS = Protocol.sig(ServedLock.class, "tryLockNanos", long.class);
    private static final String UNLOCK = Protocol.sig(ServedLock.class, "unlock");
    private static final String HOLD_COUNT = Protocol.sig(ServedLock.class, "holdCount");
    private static final String HELD = Protocol.sig(ServedLock.class, "isHeldByCurrentThread");
    private static final String NEW_CONDITION = Protocol.sig(ServedLock.class, "newCondition");

    LockProxy(ManagerClient client, long id, String kind) {
        super(client, id, kind);
    }

    @Override
    public void lock() {
        try {
            sliced(TRY_LOCK_NANOS, null, -1, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        sliced(TRY_LOCK_NANOS, null, -1, true);
    }

    @Override
    public boolean tryLock() {
        return (Boolean) call(TRY_LOCK);
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return sliced(TRY_LOCK_NANOS, null, Math.max(0, unit.toNanos(time)), true) != null;
    }

    @Override
    public void unlock() {
        call(UNLOCK);
    }

    @Override
    public Held hold() {
        lock();
        return this::unlock;
    }

    /** @return a condition over this lock, in the manager */
    @Override
    public dev.mp4j.Condition newCondition() {
        return (dev.mp4j.Condition) call(NEW_CONDITION);
    }

    @Override
    public int holdCount() {
        return (Integer) call(HOLD_COUNT);
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return (Boolean) call(HELD);
    }
}
