package dev.mp4j.spi;

import java.io.IOException;
import java.util.List;

/**
 * A transport plug-in, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.mp4j.spi.TransportProvider}).
 *
 * <p>A transport moves byte frames between processes and knows nothing of what they mean; the runtime gives
 * them meaning. Loading the class must never throw: a provider that cannot run here (a missing native
 * library, an unsupported OS) says so through {@link #isAvailable()} and {@link #unavailabilityCause()}.
 */
public interface TransportProvider {
    /** @return the short name users select it by, such as {@code "netty"}; stable across versions */
    String name();

    /** @return the preference when nothing is named: the available provider with the highest wins */
    int priority();

    /** @return whether this transport can run in this JVM; cheap, never throws */
    boolean isAvailable();

    /** @return why {@link #isAvailable()} is false, or null when it is true */
    Throwable unavailabilityCause();

    /** @return the JVM flags every child JVM needs for this transport (module opens, native access...) */
    List<String> childJvmArgs();

    /**
     * Opens the transport for this process. Called once per process by the runtime.
     *
     * @throws IOException if it cannot be opened
     */
    Transport open() throws IOException;
}
