package dev.mp4j;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;

/**
 * A cyclic barrier for a fixed number of parties, in any processes of a process tree: Python's
 * {@code multiprocessing.Barrier}, with the contract of {@link java.util.concurrent.CyclicBarrier}. Made by
 * {@link Context#barrier(int)} and {@link Context#barrier(int, Task, Duration)}; at most 256 parties.
 *
 * <p>Each pass releases the parties once the last of them arrives; the barrier is then ready for the next
 * pass. {@code await} returns the arrival index, as in Python: 0 for the first party to arrive and
 * {@code parties - 1} for the last. (Java's {@code CyclicBarrier} counts the other way.) The barrier's action,
 * if any, runs once per pass, in the thread and process of the last party to arrive, before any party is
 * released.
 *
 * <p><b>Breaking.</b> The barrier breaks, and every party waiting then or arriving later gets
 * {@link BrokenBarrierException} until {@link #reset()}, when: a waiting party times out (it gets
 * {@link TimeoutException}) or is interrupted (it gets {@link InterruptedException}); the action throws (the
 * last party's {@code await} throws {@code BrokenBarrierException} with the action's exception as cause);
 * {@link #abort()} is called; or the process of a waiting party dies, noticed within about the liveness
 * interval (system property {@code mp4j.shm.livenessCheckMillis}, default 10 ms), so nobody waits forever for
 * a dead party. {@link #reset()} breaks the current pass only: the parties waiting get
 * {@code BrokenBarrierException}, and the barrier is whole again for the next pass.
 *
 * <p>Memory consistency effects: as with {@link java.util.concurrent.CyclicBarrier}, actions in a thread
 * prior to calling {@code await} happen-before actions that are part of the barrier action, which in turn
 * happen-before actions following a successful return from the corresponding {@code await} in every other
 * party, in any process. The action runs in the process of the last party to arrive, so between processes
 * these effects reach shared memory. A broken pass promises none.
 *
 * <p>The barrier lives in shared memory, independent of the transport, until the root process of the tree
 * ends. Captured by a task or sent through a queue or pipe, it re-attaches to the same barrier in the
 * receiving process.
 */
public interface Barrier extends Serializable {
    /**
     * Waits until every party has arrived, or for the barrier's default timeout if it has one.
     *
     * @return the arrival index: 0 for the first party to arrive, {@code parties - 1} for the last
     * @throws BrokenBarrierException if the barrier is or becomes broken; if the default timeout ran out
     *                                here, its cause is a {@link TimeoutException}; if this party ran a
     *                                failing action, its cause is the action's exception
     * @throws InterruptedException   if interrupted before or while waiting; the barrier breaks
     */
    int await() throws InterruptedException, BrokenBarrierException;

    /**
     * Waits at most {@code timeout} until every party has arrived; the barrier's default timeout does not
     * apply.
     *
     * @param timeout how long to wait; zero or negative means not at all
     * @return the arrival index: 0 for the first party to arrive, {@code parties - 1} for the last
     * @throws TimeoutException       if the time ran out; the barrier breaks
     * @throws BrokenBarrierException if the barrier is or becomes broken; if this party ran a failing action,
     *                                its cause is the action's exception
     * @throws InterruptedException   if interrupted before or while waiting; the barrier breaks
     * @throws NullPointerException   if {@code timeout} is null
     */
    int await(Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException;

    /**
     * Breaks the barrier for the parties waiting now (they get {@link BrokenBarrierException}) and makes it
     * whole again for the next pass.
     */
    void reset();

    /** Breaks the barrier: waiting and later parties get {@link BrokenBarrierException} until {@link #reset()}. */
    void abort();

    /** @return whether the barrier is broken */
    boolean isBroken();

    /** @return the number of parties needed to pass */
    int parties();

    /** @return the number of parties waiting now, in every process; a snapshot */
    int numberWaiting();
}
