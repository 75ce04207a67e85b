package dev.mp4j;

import java.util.concurrent.TimeUnit;

/**
 * A reentrant {@link Lock} shared by every process of a process tree: Python's
 * {@code multiprocessing.RLock}, with the behaviour of {@link java.util.concurrent.locks.ReentrantLock}.
 * Made by {@link Context#rlock()}.
 *
 * <p>The lock is owned by one thread of one process. The owner may lock it again; each lock, including each
 * successful {@code tryLock} and {@link #hold()}, needs its own {@link #unlock()}, and the lock is free once
 * the {@linkplain #holdCount() hold count} is back to zero. If the owner's process dies, the next waiter takes
 * the lock over with a hold count of one, as described in {@link Lock}.
 *
 * <p>Memory consistency effects: those of {@link Lock}, carried by the unlock that frees the lock (the hold
 * count back to zero) and the lock that then acquires it; a nested lock or unlock by the owner orders nothing
 * beyond its own thread.
 */
public interface RLock extends Lock {
    /**
     * Acquires the lock, or adds one to the hold count if the current thread owns it. An interrupt does not
     * stop the wait; the thread's interrupt status is still set when this returns.
     */
    @Override
    void lock();

    /**
     * As {@link #lock()}, unless the current thread is interrupted.
     *
     * @throws InterruptedException if interrupted before or while waiting (the lock is then not acquired)
     */
    @Override
    void lockInterruptibly() throws InterruptedException;

    /** @return true if acquired now or already owned by the current thread (the hold count then grows) */
    @Override
    boolean tryLock();

    /**
     * Acquires the lock, waiting at most the given time; succeeds at once if the current thread owns it.
     *
     * @return true if acquired or already owned; false only once the time has passed
     * @throws InterruptedException if interrupted before or while waiting (the lock is then not acquired)
     * @throws NullPointerException if {@code unit} is null
     */
    @Override
    boolean tryLock(long time, TimeUnit unit) throws InterruptedException;

    /**
     * Subtracts one from the hold count, and releases the lock when it reaches zero.
     *
     * @throws IllegalMonitorStateException if the current thread does not own the lock
     */
    @Override
    void unlock();

    /**
     * As {@link #lock()}, for use in try-with-resources; each {@link Held} undoes one hold.
     *
     * @return a handle whose {@link Held#close()} calls {@link #unlock()} once
     */
    @Override
    Held hold();

    /** @return how many times the current thread holds this lock; 0 if it does not own it */
    int holdCount();

    /** @return whether the current thread owns this lock */
    boolean isHeldByCurrentThread();
}
