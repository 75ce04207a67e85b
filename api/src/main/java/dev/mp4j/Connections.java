package dev.mp4j;

import dev.mp4j.runtime.Transports;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Static helpers over several {@link Connection}s, processes and queues: Python's
 * {@code multiprocessing.connection.wait}.
 *
 * <p>Memory consistency effects: none of its own. {@link #waitAny} consumes nothing, so another thread may
 * receive a message first; the effects of a message (its send happens-before its receipt) come with the
 * {@link Connection#recv()} that takes it.
 */
public final class Connections {
    private Connections() {}

    /**
     * Waits until at least one of the connections is ready (a message to receive, or end of stream) and
     * returns the ready ones, in the order given. Consumes nothing.
     *
     * @param connections the connections to watch; each must be readable
     * @param timeout     the longest wait, or {@code null} to wait as long as it takes
     * @return the ready connections; empty if the timeout passed first
     * @throws IllegalStateException    if one of them is closed or cannot receive
     * @throws IllegalArgumentException if the collection is empty or the timeout is negative
     * @throws InterruptedException     if interrupted while waiting
     */
    public static List<Connection> waitAny(Collection<? extends Connection> connections, Duration timeout)
            throws InterruptedException {
        Objects.requireNonNull(connections, "connections");
        if (connections.isEmpty()) {
            throw new IllegalArgumentException("waitAny needs at least one connection to watch");
        }
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        return Transports.runtime().waitAny(connections, timeout);
    }

    /**
     * Waits until at least one of the objects is ready and returns the ready ones, in the order given: Python's
     * {@code connection.wait}, which also takes a process's {@code sentinel}. Consumes nothing: another thread or
     * process may take a message or an item first.
     *
     * <ul>
     *   <li>a {@link Connection} is ready when it has a message to receive, or its other end is closed (as in
     *       {@link #waitAny});</li>
     *   <li>a {@link Process} is ready once it has ended (its {@link Process#exitCode()} is known): for a process
     *       that ends while the caller waits on its connections too;</li>
     *   <li>a {@link Queue} (or {@link JoinableQueue}) is ready when it is not empty. A queue cannot signal that, so
     *       it is asked every millisecond at first and at longest every 16 ms as the wait goes on; for the promptest
     *       wake-up, wait on a {@link Connection} instead.</li>
     * </ul>
     *
     * @param objects the connections, processes and queues to watch; each connection must be readable, each process
     *                started
     * @param timeout the longest wait, or {@code null} to wait as long as it takes
     * @return the ready objects; empty if the timeout passed first
     * @throws IllegalArgumentException if the collection is empty, holds something else (or null), or the timeout is
     *                                  negative
     * @throws IllegalStateException    if a connection is closed or cannot receive, a queue is closed, or a process
     *                                  was never started
     * @throws InterruptedException     if interrupted while waiting
     */
    public static List<Object> waitAnyOf(Collection<?> objects, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(objects, "objects");
        if (objects.isEmpty()) {
            throw new IllegalArgumentException("waitAnyOf needs at least one object to watch");
        }
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        return Transports.runtime().waitAnyOf(objects, timeout);
    }
}
