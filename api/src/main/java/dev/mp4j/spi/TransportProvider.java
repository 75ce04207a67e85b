package dev.mp4j.spi;

import java.io.IOException;
import java.util.List;

/**
 * A transport plug-in, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.mp4j.spi.TransportProvider}).
 *
 * <p>A transport moves byte frames between processes and knows nothing of what they mean; the runtime gives them
 * meaning. Loading the class must never throw: a provider that cannot run here (a missing native library, an
 * unsupported OS, a missing JVM flag) says so through {@link #isAvailable()} and {@link #unavailabilityCause()},
 * and discovery lists that cause when the user asks for it by name.
 *
 * <p>{@code docs/writing-a-transport.md} walks through writing one, and the {@code mp4j-tck} contract suites prove
 * it.
 */
public interface TransportProvider {
    /**
     * The version of this SPI. It changes when a change to these interfaces would break a provider built against the
     * previous version; additions with defaults do not change it. Discovery uses only providers whose
     * {@link #spiVersion()} equals it, and lists the others with the reason.
     */
    int SPI_VERSION = 1;

    /**
     * @return the {@link #SPI_VERSION} this provider was written against: return the constant itself, so that it is
     *         compiled in
     */
    int spiVersion();

    /**
     * @return the short name users select it by, such as {@code "netty"}; stable across versions, and unique: of two
     *         available providers with one name, discovery keeps the one with the higher priority
     */
    String name();

    /** @return the preference when nothing is named: the available provider with the highest wins */
    int priority();

    /** @return whether this transport can run in this JVM; cheap after the first call, never throws */
    boolean isAvailable();

    /** @return why {@link #isAvailable()} is false, or null when it is true */
    Throwable unavailabilityCause();

    /**
     * @return the JVM flags every child JVM needs for this transport (module opens, native access...); the runtime
     *         adds them to every child's command line, before the user's own flags
     */
    List<String> childJvmArgs();

    /**
     * Opens the transport for this process. The runtime opens one per context, on first need (a process that never
     * makes or receives a pipe or queue never opens it); the TCK opens more, to test links alone. Each
     * {@link Transport} is independent of the others in the same JVM.
     *
     * @throws IOException if it cannot be opened
     */
    Transport open() throws IOException;
}
