package dev.mp4j.core.manager;

import dev.mp4j.RLock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock in the manager. Its owner is the manager thread serving the client thread that took it, so ownership
 * follows the client thread; a connection that ends gives its locks back. Public methods are what proxies
 * call; blocking ones are called in slices by the proxy, so they all take a timeout here.
 */
public final class ServedLock extends ServedObject implements RLock {
    private static final long serialVersionUID = 1L;
    private final transient ReentrantLock lock = new ReentrantLock();
    private final boolean reentrant;

    ServedLock(boolean reentrant) {
        this.reentrant = reentrant;
    }

    @Override
    Kind kind() {
        return reentrant ? Kind.RLOCK : Kind.LOCK;
    }

    ReentrantLock inner() {
        return lock;
    }

    @Override
    public boolean tryLock() {
        if (!reentrant && lock.isHeldByCurrentThread()) {
            return false;
        }
        return took(lock.tryLock());
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        if (!reentrant && lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("this managed lock is already held by the current thread and is "
                    + "not reentrant; use Manager.rlock()");
        }
        return took(lock.tryLock(time, unit));
    }

    /** A slice of a proxy's wait. */
    public boolean tryLockNanos(long nanos) throws InterruptedException {
        return tryLock(nanos, TimeUnit.NANOSECONDS);
    }

    private boolean took(boolean got) {
        if (got) {
            Session s = Session.current();
            if (s != null) {
                s.locked(this);
            }
        }
        return got;
    }

    @Override
    public void unlock() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("the current thread does not hold this managed lock");
        }
        lock.unlock();
        if (!lock.isHeldByCurrentThread()) {
            Session s = Session.current();
            if (s != null) {
                s.unlocked(this);
            }
        }
    }

    void releaseAll() {
        while (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }

    @Override
    public int holdCount() {
        return lock.getHoldCount();
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    @Override
    public ServedCondition newCondition() {
        return new ServedCondition(this);
    }

    @Override
    public void lock() {
        throw new UnsupportedOperationException("proxies lock in slices, with tryLock");
    }

    @Override
    public void lockInterruptibly() {
        throw new UnsupportedOperationException("proxies lock in slices, with tryLock");
    }

    @Override
    public Held hold() {
        throw new UnsupportedOperationException("proxies hold locally");
    }
}
