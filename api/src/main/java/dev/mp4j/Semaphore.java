package dev.mp4j;

import java.io.Serializable;
import java.time.Duration;

/**
 * A counting semaphore shared by every process of a process tree: Python's {@code multiprocessing.Semaphore}
 * and {@code BoundedSemaphore}, with the method names of {@link java.util.concurrent.Semaphore}. Made by
 * {@link Context#semaphore(int)} and {@link Context#boundedSemaphore(int)}.
 *
 * <p>Permits are not owned by threads: any thread may release. A bounded semaphore refuses a release that
 * would take the count above its initial permits. Acquisition is not fair.
 *
 * <p><b>Robustness.</b> A permit counts as held by the process that acquired it. If that process dies (even
 * by {@code kill -9}), its permits are given back when a waiting thread notices the death, within about the
 * liveness interval of starting to wait (system property {@code mp4j.shm.livenessCheckMillis}, default
 * 10 ms); recovery never takes a bounded semaphore above its initial permits. A release by a process that
 * holds no permit is allowed, as in Python, and settles a permit some other process holds, so a permit
 * acquired in one process and released in another is never given back twice. Permits of at most 64
 * processes are tracked at once; a process beyond that holds untracked permits.
 *
 * <p>Memory consistency effects: as with {@link java.util.concurrent.Semaphore}, actions in a thread prior to
 * calling {@link #release()} happen-before actions following a successful acquire ({@link #acquire()}, or a
 * {@code tryAcquire} that returns true) in another thread, of this or any other process; between processes
 * this reaches shared memory. Permits given back for a dead process carry no effect from it.
 *
 * <p>Waiting spins, yields, then parks, tuned as described in {@link Lock}. The semaphore lives in shared
 * memory, independent of the transport, until the root process of the tree ends. Captured by a task or sent
 * through a queue or pipe, it re-attaches to the same semaphore in the receiving process.
 */
public interface Semaphore extends Serializable {
    /**
     * Takes a permit, waiting for one.
     *
     * @throws InterruptedException if interrupted before or while waiting (no permit is then taken)
     */
    void acquire() throws InterruptedException;

    /**
     * Takes a permit if one is available now. Does not wait, so permits of a process that died may not be
     * recovered yet.
     *
     * @return true if a permit was taken
     */
    boolean tryAcquire();

    /**
     * Takes a permit, waiting at most {@code timeout}. Never returns false before that time has passed.
     *
     * @param timeout how long to wait; zero or negative means not at all
     * @return true if a permit was taken, false if the time ran out
     * @throws NullPointerException if {@code timeout} is null
     * @throws InterruptedException if interrupted before or while waiting (no permit is then taken)
     */
    boolean tryAcquire(Duration timeout) throws InterruptedException;

    /**
     * Gives a permit back, and lets one waiting thread, of any process, take it.
     *
     * @throws IllegalStateException if the semaphore is bounded and the count would exceed its initial
     *                               permits, or if it would exceed {@link Integer#MAX_VALUE}; nothing changes
     */
    void release();

    /**
     * @return the number of permits available now; a snapshot that may be stale at once, and that does not
     *         count permits of a dead process not yet recovered
     */
    int availablePermits();
}
