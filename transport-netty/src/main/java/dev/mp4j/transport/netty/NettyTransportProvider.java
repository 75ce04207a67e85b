package dev.mp4j.transport.netty;

import dev.mp4j.spi.Transport;
import dev.mp4j.spi.TransportProvider;

import java.io.IOException;
import java.util.List;

/**
 * The {@code "netty"} transport: Netty over Unix domain sockets, the default (priority {@value #PRIORITY}).
 *
 * <p>Uses epoll ({@code netty-transport-native-epoll}) where its native library loads, else the JDK's own Unix
 * domain sockets through Netty's NIO transport (JDK 16+, Linux, macOS, Windows 10+). Netty's
 * {@code -Dio.netty.transport.noNative=true} forces NIO. Sockets live in a folder only this user can open; see
 * {@link NettyTransport} for addresses, framing, threads and limits.
 *
 * <p>Constructing and loading this class never fails. {@link #isAvailable()} probes once, on first call, and
 * caches the answer; it is false (with the cause) when Netty is not on the class path or neither epoll nor the
 * JDK can make Unix sockets here.
 */
public final class NettyTransportProvider implements TransportProvider {
    /** The name users select this transport by. */
    public static final String NAME = "netty";
    /** Above {@code netty-tcp}: Unix sockets are private to the user and faster than loopback TCP. */
    public static final int PRIORITY = 100;

    private static final ProviderSupport SUPPORT = new ProviderSupport(ProviderSupport.Kind.UNIX_DOMAIN, NAME);

    /** For {@link java.util.ServiceLoader}; cheap, touches no Netty class. */
    public NettyTransportProvider() {
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

    /** @return whether Netty and Unix domain sockets work in this JVM; probed once, then cached */
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
