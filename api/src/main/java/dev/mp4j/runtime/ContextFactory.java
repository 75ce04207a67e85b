package dev.mp4j.runtime;

import dev.mp4j.Connection;
import dev.mp4j.Context;
import dev.mp4j.Manager;
import dev.mp4j.ManagerOptions;
import dev.mp4j.Process;
import dev.mp4j.ProcessInfo;
import dev.mp4j.spi.TransportProvider;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The runtime behind {@link dev.mp4j.Multiprocessing}, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.mp4j.runtime.ContextFactory}). mp4j-core provides the one implementation; the
 * interface keeps {@code mp4j-api} free of it. This is not a plug-in point for transports: a transport implements
 * {@link TransportProvider} and knows nothing of the runtime.
 *
 * <p>Implementations are thread-safe. {@link Transports} loads one instance per class loader and keeps it.
 */
public interface ContextFactory {
    /**
     * The shared context of a transport in this JVM: the same instance on every call until it is closed, then a
     * new one. Closed at JVM exit.
     *
     * @param provider an available provider that implements this mp4j's {@link TransportProvider#SPI_VERSION}
     */
    Context sharedContext(TransportProvider provider);

    /**
     * The shared thread-backed context, {@link dev.mp4j.Multiprocessing#THREADS}: the same instance on every call
     * until it is closed, then a new one. Closed at JVM exit.
     */
    Context threadsContext();

    /**
     * @return the transport this process's parent started it with, in a child; empty in the root of a process tree.
     *         {@link Transports#defaultName()} prefers it, so that a child's default context is its parent's.
     */
    Optional<String> inheritedTransport();

    /** @return this process, as {@link dev.mp4j.Multiprocessing#currentProcess()} */
    ProcessInfo currentProcess();

    /** @return the parent, as {@link dev.mp4j.Multiprocessing#parentProcess()} */
    Optional<ProcessInfo> parentProcess();

    /** @return as {@link dev.mp4j.Multiprocessing#activeChildren()} */
    List<Process> activeChildren();

    /** @return as {@link dev.mp4j.Connections#waitAny}; arguments already checked for null and sign */
    List<Connection> waitAny(Collection<? extends Connection> connections, Duration timeout)
            throws InterruptedException;

    /** @return as {@link dev.mp4j.Connections#waitAnyOf}; arguments already checked for null and sign */
    List<Object> waitAnyOf(Collection<?> objects, Duration timeout) throws InterruptedException;

    /** @return as {@link dev.mp4j.Managers#serve}; the options already checked for null */
    Manager serveManager(ManagerOptions options);

    /** @return as {@link dev.mp4j.Managers#connect}; the arguments already checked for null, the key copied */
    Manager connectManager(String address, byte[] authkey);
}
