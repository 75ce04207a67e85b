package dev.mp4j.transport.netty;

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
public final class NettyTransportProvider extends NettyProvider {
    /** The name users select this transport by. */
    public static final String NAME = "netty";
    /** Above {@code netty-tcp}: Unix sockets are private to the user and faster than loopback TCP. */
    public static final int PRIORITY = 100;

    private static final ProviderSupport SUPPORT = new ProviderSupport(ProviderSupport.Kind.UNIX_DOMAIN, NAME);

    /** For {@link java.util.ServiceLoader}; cheap, touches no Netty class. */
    public NettyTransportProvider() {
        super(SUPPORT, PRIORITY);
    }
}
