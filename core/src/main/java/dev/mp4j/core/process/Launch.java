package dev.mp4j.core.process;

import java.util.List;

/**
 * What a context gives the children it starts.
 *
 * @param transport        the transport's name, the child's default
 * @param transportJvmArgs the JVM flags the transport needs in every child
 * @param beforeStart      runs before each child starts: flushes this process's pending puts, so that what it put
 *                         before starting the child is ahead of what the child puts, and joins the shared-memory
 *                         tree, so that the child inherits it
 * @param spares           the context's spare JVMs, which {@code start()} takes when it can
 */
public record Launch(String transport, List<String> transportJvmArgs, Runnable beforeStart, Spares spares) {
    public Launch {
        transportJvmArgs = List.copyOf(transportJvmArgs);
    }
}
