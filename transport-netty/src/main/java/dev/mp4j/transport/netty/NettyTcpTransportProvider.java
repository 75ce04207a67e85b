package dev.mp4j.transport.netty;

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
public final class NettyTcpTransportProvider extends NettyProvider {
    /** The name users select this transport by. */
    public static final String NAME = "netty-tcp";
    /** Below {@code netty}: loopback TCP is slower and reachable by other local users. */
    public static final int PRIORITY = 50;

    private static final ProviderSupport SUPPORT = new ProviderSupport(ProviderSupport.Kind.LOOPBACK_TCP, NAME);

    /** For {@link java.util.ServiceLoader}; cheap, touches no Netty class. */
    public NettyTcpTransportProvider() {
        super(SUPPORT, PRIORITY);
    }
}
