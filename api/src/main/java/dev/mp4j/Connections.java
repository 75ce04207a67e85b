package dev.mp4j;

import dev.mp4j.runtime.Transports;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Static helpers over several {@link Connection}s: Python's {@code multiprocessing.connection.wait}.
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
}
