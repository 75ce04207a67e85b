package dev.mp4j.transport.netty;

import dev.mp4j.spi.Transport;
import dev.mp4j.spi.TransportProvider;

import java.io.IOException;
import java.util.List;

/**
 * The {@code "netty-tcp"} transport: Netty over loopback TCP ({@code 127.0.0.1}, ephemeral ports,
 * {@code TCP_NODELAY}), for where Unix domain sockets are unusable. Chosen only when named or when {@code "netty"}
 * is unavailable (priority {@value #PRIORITY}).
 *
 * <p>Uses epoll where its native library loads, else NIO; {@code -Dio.netty.transport.noNative=true} forces NIO.
 * Unlike the Unix socket transport, its ports are open to every local user: anyone on the machine can connect.
 * See {@link NettyTransport} for addresses, framing, threads and limits.
 *
 * <p>Constructing and loading this class never fails. {@link #isAvailable()} probes once, on first call, and
 * caches the answer; it is false (with the cause) when Netty is not on the class path.
 */
public final class NettyTcpTransportProvider implements TransportProvider {
    /** The name users select this transport by. */
    public static final String NAME = "netty-tcp";
    /** Below {@code netty}: loopback TCP is slower and reachable by other local users. */
    public static final int PRIORITY = 50;

    private static final ProviderSupport SUPPORT = new ProviderSupport(ProviderSupport.Kind.LOOPBACK_TCP, NAME);

    /** For {@link java.util.ServiceLoader}; cheap, touches no Netty class. */
    public NettyTcpTransportProvider() {
    }

    /** @return {@link TransportProvider#SPI_VERSION}, the version this provider was built against */
    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    /** @return {@value #NAME} */
    @Override
    public String name() {
        return NAME;
    }

    /** @return {@value #PRIORITY} */
    @Override
    public int priority() {
        return PRIORITY;
    }

    /** @return whether Netty works in this JVM; probed once, then cached */
    @Override
    public boolean isAvailable() {
        return SUPPORT.isAvailable();
    }

    /** @return why {@link #isAvailable()} is false, or null */
    @Override
    public Throwable unavailabilityCause() {
        return SUPPORT.unavailabilityCause();
    }

    /** @return {@code --enable-native-access=ALL-UNNAMED} on JDK 22 and later (for epoll), else nothing */
    @Override
    public List<String> childJvmArgs() {
        return SUPPORT.childJvmArgs();
    }

    /**
     * Opens a transport with its own event loop thread.
     *
     * @throws IOException if this provider is not available, or the transport cannot start
     */
    @Override
    public Transport open() throws IOException {
        return SUPPORT.open();
    }

    @Override
    public String toString() {
        return NAME + " (" + SUPPORT.describe() + ")";
    }
}
