package dev.mp4j.core.manager;

import java.time.Duration;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A condition in the manager, over a {@link ServedLock}; proxies wait on it in slices with {@link #awaitSlice}. */
public final class ServedCondition extends ServedObject implements dev.mp4j.Condition {
    private static final long serialVersionUID = 1L;
    private final transient ServedLock lock;
    private final transient java.util.concurrent.locks.Condition condition;

    ServedCondition(ServedLock lock) {
        this.lock = lock;
        this.condition = lock.inner().newCondition();
    }

    @Override
    Kind kind() {
        return Kind.CONDITION;
    }

    /** A slice of a proxy's wait. @return true if signalled, false if the slice passed; the lock is held again */
    public boolean awaitSlice(long nanos) throws InterruptedException {
        return condition.await(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public ServedLock lock() {
        return lock;
    }

    @Override
    public void signal() {
        condition.signal();
    }

    @Override
    public void signalAll() {
        condition.signalAll();
    }

    @Override
    public void signal(int n) {
        for (int i = 0; i < n; i++) {
            condition.signal();
        }
    }

    @Override
    public void await() {
        throw sliced();
    }

    @Override
    public void awaitUninterruptibly() {
        throw sliced();
    }

    @Override
    public long awaitNanos(long nanosTimeout) {
        throw sliced();
    }

    @Override
    public boolean await(long time, TimeUnit unit) {
        throw sliced();
    }

    @Override
    public boolean awaitUntil(Date deadline) {
        throw sliced();
    }

    @Override
    public boolean waitFor(BooleanSupplier predicate, Duration timeout) {
        throw sliced();
    }

    private static UnsupportedOperationException sliced() {
        return new UnsupportedOperationException("proxies wait in slices, with awaitSlice");
    }
}
