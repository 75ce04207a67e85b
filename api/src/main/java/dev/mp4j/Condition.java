package dev.mp4j;

import java.io.Serializable;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A condition variable shared by every process of a process tree: Python's {@code multiprocessing.Condition},
 * with the contract of {@link java.util.concurrent.locks.Condition}. Made by {@link Context#condition()} (over
 * a new {@link RLock}), {@link Context#condition(Lock)} and {@link Lock#newCondition()}.
 *
 * <p>Every method but {@link #lock()} needs the current thread to hold the lock, else it throws
 * {@link IllegalMonitorStateException}. An {@code await} releases the lock fully, even an {@link RLock} held
 * several times, waits, and reacquires the lock, with the same hold count, before it returns or throws.
 *
 * <p>There are no spurious wake-ups: an {@code await} returns only when signalled, interrupted or out of
 * time. Signals go to the longest-waiting threads first, in any process; a waiter whose process died is
 * skipped. At most 256 threads may wait on one condition at once.
 *
 * <p>Memory consistency effects: those of its {@link Lock}, which every {@code await} releases and
 * reacquires before it returns. So actions of a thread, in any process, prior to releasing the lock (such as
 * a signaller's update of the shared state, then its unlock) happen-before actions following the return from
 * an {@code await} that reacquired the lock after it; between processes this reaches shared memory.
 *
 * <p>The condition lives in shared memory, independent of the transport, until the root process of the tree
 * ends. Captured by a task or sent through a queue or pipe, it re-attaches to the same condition, and the
 * same lock, in the receiving process.
 */
public interface Condition extends java.util.concurrent.locks.Condition, Serializable {
    /** @return the lock this condition is bound to, the same lock in every process */
    Lock lock();

    /**
     * Waits until signalled or interrupted.
     *
     * @throws InterruptedException         if interrupted before or while waiting (after the lock is
     *                                      reacquired)
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     * @throws IllegalStateException        if 256 threads are waiting already; the lock is still held
     */
    @Override
    void await() throws InterruptedException;

    /**
     * Waits until signalled. An interrupt does not stop the wait; the thread's interrupt status is still set
     * when this returns.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     * @throws IllegalStateException        if 256 threads are waiting already; the lock is still held
     */
    @Override
    void awaitUninterruptibly();

    /**
     * Waits until signalled, interrupted, or out of time.
     *
     * @return an estimate of the nanoseconds left; zero or less only if the time ran out
     * @throws InterruptedException         if interrupted before or while waiting (after the lock is
     *                                      reacquired)
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     * @throws IllegalStateException        if 256 threads are waiting already; the lock is still held
     */
    @Override
    long awaitNanos(long nanosTimeout) throws InterruptedException;

    /**
     * Waits until signalled, interrupted, or out of time.
     *
     * @return false if the time ran out, true if signalled
     * @throws InterruptedException         if interrupted before or while waiting (after the lock is
     *                                      reacquired)
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     * @throws IllegalStateException        if 256 threads are waiting already; the lock is still held
     * @throws NullPointerException         if {@code unit} is null
     */
    @Override
    boolean await(long time, TimeUnit unit) throws InterruptedException;

    /**
     * Waits until signalled, interrupted, or the deadline.
     *
     * @return false if the deadline passed, true if signalled
     * @throws InterruptedException         if interrupted before or while waiting (after the lock is
     *                                      reacquired)
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     * @throws IllegalStateException        if 256 threads are waiting already; the lock is still held
     * @throws NullPointerException         if {@code deadline} is null
     */
    @Override
    boolean awaitUntil(Date deadline) throws InterruptedException;

    /**
     * Waits until {@code predicate} is true: Python's {@code wait_for}. The predicate is evaluated first, and
     * again after each wake-up, always with the lock held; no wait happens if it is true at once.
     *
     * @param predicate the condition to wait for
     * @param timeout   the most to wait in all; null for no limit, zero or negative for no wait
     * @return the predicate's last value: false only if the time ran out
     * @throws InterruptedException         if interrupted before or while waiting (after the lock is
     *                                      reacquired)
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     * @throws IllegalStateException        if 256 threads are waiting already; the lock is still held
     * @throws NullPointerException         if {@code predicate} is null
     */
    boolean waitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException;

    /**
     * Wakes the longest-waiting live thread, if any.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    @Override
    void signal();

    /**
     * Wakes {@code min(n, waiting)} threads, the longest-waiting first; waiters of dead processes are skipped
     * and not counted. Python's {@code notify(n)}.
     *
     * @throws IllegalArgumentException     if {@code n} is negative
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    void signal(int n);

    /**
     * Wakes every waiting thread.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    @Override
    void signalAll();
}
