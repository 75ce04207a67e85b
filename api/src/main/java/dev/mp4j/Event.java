package dev.mp4j;

import java.io.Serializable;
import java.time.Duration;

/**
 * A flag shared by every process of a process tree, which threads can wait for: Python's
 * {@code multiprocessing.Event} ({@code wait} is {@link #await()} here). Made by {@link Context#event()}; it
 * starts cleared.
 *
 * <p>{@link #set()} releases every thread waiting at that moment, in every process, even if {@link #clear()}
 * follows at once. Nobody owns the flag, so the death of a process changes nothing.
 *
 * <p>Memory consistency effects: actions in a process prior to a {@link #set()} that sets a cleared flag
 * happen-before actions following the return of an {@link #await()} (or an {@link #await(Duration)} that
 * returns true) that this set released or that found the flag set by it, and following an {@link #isSet()}
 * that returns true because of it, in this or any other process; between processes this reaches shared
 * memory. A {@code set()} of a flag already set changes nothing and orders nothing.
 *
 * <p>Waiting spins, yields, polls, then sleeps until the setter rings, as described (with the system
 * properties that tune it) in {@link Lock}. The event lives in shared memory, independent of the transport, until the
 * root process of the tree ends. Captured by a task or sent through a queue or pipe, it re-attaches to the
 * same event in the receiving process.
 */
public interface Event extends Serializable {
    /** Sets the flag and releases every waiting thread. Idempotent. */
    void set();

    /** Clears the flag; later calls to {@link #await()} wait until the next {@link #set()}. */
    void clear();

    /** @return whether the flag is set */
    boolean isSet();

    /**
     * Returns once the flag is set; at once if it is set already.
     *
     * @throws InterruptedException if interrupted before or while waiting
     */
    void await() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the flag to be set. Never returns false before that time has passed.
     *
     * @param timeout how long to wait; zero or negative means not at all
     * @return true if the flag was set (or a {@link #set()} released this wait), false if the time ran out
     * @throws NullPointerException if {@code timeout} is null
     * @throws InterruptedException if interrupted before or while waiting
     */
    boolean await(Duration timeout) throws InterruptedException;
}
