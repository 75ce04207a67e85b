package dev.mp4j.spi;

import dev.mp4j.Connection;
import dev.mp4j.Context;
import dev.mp4j.Process;
import dev.mp4j.ProcessInfo;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The runtime behind {@link dev.mp4j.Multiprocessing}, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.mp4j.spi.ContextFactory}). mp4j-core provides the one implementation; the
 * interface keeps {@code mp4j-api} free of it.
 */
public interface ContextFactory {
    /**
     * The shared context of a transport in this JVM: the same instance on every call until it is closed,
     * then a new one. Closed at JVM exit.
     */
    Context sharedContext(TransportProvider provider);

    /** @return this process, as {@link dev.mp4j.Multiprocessing#currentProcess()} */
    ProcessInfo currentProcess();

    /** @return the parent, as {@link dev.mp4j.Multiprocessing#parentProcess()} */
    Optional<ProcessInfo> parentProcess();

    /** @return as {@link dev.mp4j.Multiprocessing#activeChildren()} */
    List<Process> activeChildren();

    /** @return as {@link dev.mp4j.Connections#waitAny}; arguments already checked for null and sign */
    List<Connection> waitAny(Collection<? extends Connection> connections, Duration timeout)
            throws InterruptedException;
}
