package dev.mp4j.transport.netty;

import dev.mp4j.spi.Transport;
import dev.mp4j.spi.TransportProvider;

import java.io.IOException;
import java.util.List;

/**
 * What {@link NettyTransportProvider} and {@link NettyTcpTransportProvider} share: everything but their name,
 * priority and socket flavor, which a subclass passes in through its {@link ProviderSupport}.
 *
 * <p>Constructing and loading a provider never fails and touches no Netty class. {@link #isAvailable()} probes
 * once per provider class, on first call, and caches the answer.
 */
abstract class NettyProvider implements TransportProvider {
    private final ProviderSupport support;
    private final int priority;

    /**
     * @param support  the subclass's one (static) probe, so that every instance of a provider class shares it
     * @param priority the subclass's {@code PRIORITY}
     */
    NettyProvider(ProviderSupport support, int priority) {
        this.support = support;
        this.priority = priority;
    }

    /** @return {@link TransportProvider#SPI_VERSION}, the version this provider was built against */
    @Override
    public final int spiVersion() {
        return SPI_VERSION;
    }

    /** @return the provider's {@code NAME} */
    @Override
    public final String name() {
        return support.providerName();
    }

    /** @return the provider's {@code PRIORITY} */
    @Override
    public final int priority() {
        return priority;
    }

    /** @return whether Netty and this provider's sockets work in this JVM; probed once, then cached */
    @Override
    public final boolean isAvailable() {
        return support.isAvailable();
    }

    /** @return why {@link #isAvailable()} is false, or null */
    @Override
    public final Throwable unavailabilityCause() {
        return support.unavailabilityCause();
    }

    /** @return {@code --enable-native-access=ALL-UNNAMED} on JDK 22 and later (for epoll), else nothing */
    @Override
    public final List<String> childJvmArgs() {
        return support.childJvmArgs();
    }

    /**
     * Opens a transport with its own event loop thread.
     *
     * @throws IOException if this provider is not available, or the transport cannot start
     */
    @Override
    public final Transport open() throws IOException {
        return support.open();
    }

    /** @return the name and how the probe went, e.g. {@code netty (epoll Unix domain sockets)} */
    @Override
    public final String toString() {
        return name() + " (" + support.describe() + ")";
    }
}
