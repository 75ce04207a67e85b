package dev.mp4j;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;

/**
 * A mutual-exclusion lock shared by the threads of every process of a process tree: Python's
 * {@code multiprocessing.Lock}. Made by {@link Context#lock()}.
 *
 * <p><b>Ownership.</b> The lock is owned by the thread that locked it, and only that thread may unlock it.
 * It is not reentrant: {@link #lock()} or {@link #lockInterruptibly()} by the thread that already holds it
 * throws {@link IllegalMonitorStateException} (a deadlock detected, as the
 * {@link java.util.concurrent.locks.Lock} contract allows), and {@link #tryLock()} or
 * {@link #tryLock(long, TimeUnit)} by it returns false at once. Use {@link RLock} for a reentrant lock.
 * Acquisition is not fair: a thread that starts waiting later may get the lock first.
 *
 * <p><b>Robustness.</b> If the process of the thread holding the lock dies (even by {@code kill -9}), the
 * lock passes to the next thread that waits for it, which notices the death within about the liveness
 * interval of starting to wait (system property {@code mp4j.shm.livenessCheckMillis}, default 10 ms). As with
 * pthread's robust mutexes, the data the lock protected may then be half-updated. A thread of a live process
 * that ends while holding the lock keeps holding it.
 *
 * <p>Memory consistency effects: as with any {@link java.util.concurrent.locks.Lock}, actions prior to an
 * {@link #unlock()} happen-before actions subsequent to a later successful lock of the same lock
 * ({@link #lock()}, {@link #tryLock()}, {@link #hold()}, ...), by any thread of this or any other process.
 * Between processes this reaches the memory they share (a {@link SharedMemory} block, the shared values and
 * arrays); ordinary heap objects belong to one process and are not shared. A lock taken over from a dead
 * holder carries no effect from that holder.
 *
 * <p><b>Waiting.</b> No process can wake a thread of another, so a waiting thread watches the lock itself,
 * in four stages: it spins (a few µs), yields (tens of µs), polls with short parks for 20 ms (a change is
 * seen ~40 µs later on average, for ~5% of one core), then sleeps until the releasing process rings its
 * process's bell, a Unix domain socket (no CPU while asleep). A waiter never burns a core for longer than
 * the few µs of spinning. System properties tune each stage: {@code mp4j.spins} and {@code mp4j.yields}
 * (shared with every mp4j wait), {@code mp4j.shm.pollParkMicros}, {@code mp4j.shm.pollMillis},
 * {@code mp4j.shm.maxParkMicros} (the poll backoff where no bell can be used) and
 * {@code mp4j.shm.livenessCheckMillis}.
 *
 * <p>The lock lives in shared memory, independent of the transport, until the root process of the tree
 * ends. Captured by a task or sent through a queue or pipe, it re-attaches to the same lock in the receiving
 * process.
 *
 * <pre>{@code
 * try (Lock.Held h = lock.hold()) {
 *     // ...
 * }
 * }</pre>
 */
public interface Lock extends java.util.concurrent.locks.Lock, Serializable {
    /**
     * Acquires the lock, waiting as long as it takes. An interrupt does not stop the wait; the thread's
     * interrupt status is still set when this returns.
     *
     * @throws IllegalMonitorStateException if the current thread already holds this (non-reentrant) lock
     */
    @Override
    void lock();

    /**
     * Acquires the lock unless the current thread is interrupted.
     *
     * @throws InterruptedException         if interrupted before or while waiting (the lock is then not
     *                                      acquired)
     * @throws IllegalMonitorStateException if the current thread already holds this (non-reentrant) lock
     */
    @Override
    void lockInterruptibly() throws InterruptedException;

    /**
     * Acquires the lock if it is free now. Does not wait, so a lock whose holder's process died may still
     * look held until a waiting thread notices the death.
     *
     * @return true if acquired; false if held, including by the current thread
     */
    @Override
    boolean tryLock();

    /**
     * Acquires the lock, waiting at most the given time. Never returns false before that time has passed,
     * except when the current thread already holds the lock.
     *
     * @return true if acquired; false if the time ran out, or at once if the current thread holds the lock
     * @throws InterruptedException if interrupted before or while waiting (the lock is then not acquired)
     * @throws NullPointerException if {@code unit} is null
     */
    @Override
    boolean tryLock(long time, TimeUnit unit) throws InterruptedException;

    /**
     * Releases the lock, and lets one waiting thread, of any process, acquire it.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    @Override
    void unlock();

    /**
     * Acquires the lock as {@link #lock()} does, for use in try-with-resources.
     *
     * @return a handle whose {@link Held#close()} releases the lock
     * @throws IllegalMonitorStateException if the current thread already holds this (non-reentrant) lock
     */
    Held hold();

    /**
     * A new condition bound to this lock, shared by every process like the lock itself.
     *
     * @return a new {@link Condition} whose {@link Condition#lock()} is this lock
     */
    @Override
    Condition newCondition();

    /** A hold on a lock, from {@link Lock#hold()}. */
    interface Held extends AutoCloseable {
        /**
         * Releases the hold, as {@link Lock#unlock()}, the first time it is called; later calls do nothing.
         *
         * @throws IllegalMonitorStateException if the current thread does not hold the lock
         */
        @Override
        void close();
    }
}
