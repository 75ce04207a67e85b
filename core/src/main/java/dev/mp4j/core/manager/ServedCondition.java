package dev.mp4j.core.manager;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A condition in the manager, over a {@link ServedLock}. Proxies wait in slices, so a signal cannot be a wake-up
 * of a thread parked at that moment: the thread may be between two slices. Each waiting client thread (its
 * manager thread) is a {@link Waiter} in a queue from its first slice until it returns, and a signal marks
 * waiters, which find the mark at their next slice; the inner condition only parks them. Everything here runs
 * with the lock held, which the signal methods check.
 */
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

    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        boolean signalled;
    }

    private final transient Deque<Waiter> waiters = new ArrayDeque<>();

    private Waiter mine() {
        for (Waiter w : waiters) {
            if (w.thread == Thread.currentThread()) {
                return w;
            }
        }
        return null;
    }

    /**
     * A slice of a proxy's wait: the first makes this thread a waiter.
     *
     * @return true if signalled (this thread is no longer a waiter), false if the slice passed (it still is); the
     *         lock is held again either way
     */
    public boolean awaitSlice(long nanos) throws InterruptedException {
        checkHeld();
        Waiter w = mine();
        if (w == null) {
            w = new Waiter();
            waiters.addLast(w);
        }
        if (!w.signalled) {
            condition.await(nanos, TimeUnit.NANOSECONDS);
        }
        if (w.signalled) {
            waiters.remove(w);
            return true;
        }
        return false;
    }

    /**
     * Ends this thread's wait, after its last slice passed or it was interrupted.
     *
     * @return whether a signal had reached it meanwhile, which then counts as its wake-up
     */
    public boolean endWait() {
        checkHeld();
        Waiter w = mine();
        if (w == null) {
            return false;
        }
        waiters.remove(w);
        return w.signalled;
    }

    private void checkHeld() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("the current thread does not hold this condition's lock");
        }
    }

    /** Marks up to {@code n} waiters, oldest first, skipping those whose manager thread has ended. */
    private void mark(long n) {
        checkHeld();
        long marked = 0;
        for (Waiter w : waiters) {
            if (marked == n) {
                break;
            }
            if (!w.signalled && w.thread.isAlive()) {
                w.signalled = true;
                marked++;
            }
        }
        waiters.removeIf(w -> !w.thread.isAlive());
        if (marked > 0) {
            condition.signalAll();
        }
    }

    @Override
    public ServedLock lock() {
        return lock;
    }

    @Override
    public void signal() {
        mark(1);
    }

    @Override
    public void signalAll() {
        mark(Long.MAX_VALUE);
    }

    @Override
    public void signal(int n) {
        mark(Math.max(0, n));
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
