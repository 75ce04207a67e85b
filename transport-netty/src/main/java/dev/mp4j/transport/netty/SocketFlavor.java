package dev.mp4j.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The strategy that lets one {@link NettyTransport} serve both providers: which Netty channel classes and event
 * loop I/O handler to use, and how addresses are bound, written and read back.
 *
 * <p>Addresses are {@code unix:<absolute socket path>} for Unix domain sockets and {@code tcp:127.0.0.1:<port>}
 * for loopback TCP. A flavor parses only the form it makes: a transport never connects across families, because
 * its event loop and channel classes belong to one family.
 *
 * <p>Immutable and thread-safe. Built only by {@link #unixDomain()} and {@link #loopbackTcp()}, which fail
 * (with any {@link Throwable}, including {@link LinkageError}s when Netty is missing) when the flavor cannot run
 * in this JVM; {@link ProviderSupport} turns that into {@code isAvailable() == false}.
 */
final class SocketFlavor {
    /** The address family, with the prefix of the addresses it makes. */
    enum Family {
        UNIX("unix:"), TCP("tcp:");

        final String prefix;

        Family(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final InetAddress LOOPBACK = loopbackV4();
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Family family;
    private final String description;
    private final IoHandlerFactory ioHandlerFactory;
    private final Class<? extends ServerChannel> serverChannelClass;
    private final Class<? extends Channel> channelClass;
    // Epoll and NIO want different address classes for the same socket path; null for TCP.
    private final Function<Path, SocketAddress> unixAddress;

    private SocketFlavor(Family family, String description, IoHandlerFactory ioHandlerFactory,
                         Class<? extends ServerChannel> serverChannelClass, Class<? extends Channel> channelClass,
                         Function<Path, SocketAddress> unixAddress) {
        this.family = family;
        this.description = description;
        this.ioHandlerFactory = ioHandlerFactory;
        this.serverChannelClass = serverChannelClass;
        this.channelClass = channelClass;
        this.unixAddress = unixAddress;
    }

    /**
     * Unix domain sockets: epoll where its native library loads, else the JDK's own (NIO, JDK 16+).
     *
     * @throws Throwable anything that shows the flavor cannot run here
     */
    static SocketFlavor unixDomain() throws Throwable {
        requireCodec();
        Throwable epollCause = epollUnavailabilityCause();
        if (epollCause == null) {
            return Epolls.unixDomain();
        }
        // Cheap proof that the JDK and OS support AF_UNIX stream sockets (e.g. not on old Windows builds).
        try {
            SocketChannel.open(StandardProtocolFamily.UNIX).close();
        } catch (Throwable t) {
            t.addSuppressed(epollCause);
            throw t;
        }
        return new SocketFlavor(Family.UNIX, "NIO Unix domain sockets", NioIoHandler.newFactory(),
                NioServerDomainSocketChannel.class, NioDomainSocketChannel.class, UnixDomainSocketAddress::of);
    }

    /**
     * Loopback TCP: epoll where its native library loads, else NIO.
     *
     * @throws Throwable anything that shows the flavor cannot run here
     */
    static SocketFlavor loopbackTcp() throws Throwable {
        requireCodec();
        if (epollUnavailabilityCause() == null) {
            return Epolls.loopbackTcp();
        }
        return new SocketFlavor(Family.TCP, "NIO loopback TCP", NioIoHandler.newFactory(),
                NioServerSocketChannel.class, NioSocketChannel.class, null);
    }

    /**
     * Whether the flavor can run here, loading no native library: JDK 22+ warns about every library loaded without
     * {@code --enable-native-access}, and a process whose transport is another one must not pay for, nor print about,
     * Netty's. {@link #unixDomain()} and {@link #loopbackTcp()} choose between epoll and NIO when the transport opens.
     *
     * @throws Throwable anything that shows the flavor cannot run here
     */
    static void requireRunnable(boolean unixDomain) throws Throwable {
        requireCodec();
        // the NIO flavor's classes, unlinked and uninitialized: a jar missing shows here, not in the first open
        ClassLoader loader = SocketFlavor.class.getClassLoader();
        Class.forName("io.netty.channel.nio.NioIoHandler", false, loader);
        Class.forName(unixDomain ? "io.netty.channel.socket.nio.NioDomainSocketChannel"
                : "io.netty.channel.socket.nio.NioSocketChannel", false, loader);
        if (!unixDomain) {
            return; // NIO loopback TCP runs wherever Netty's classes load
        }
        try {
            SocketChannel.open(StandardProtocolFamily.UNIX).close();
        } catch (Throwable jdkCannot) {
            // no AF_UNIX in this JDK: only epoll's own Unix sockets are left, and finding out loads its library
            Throwable epollCause = epollUnavailabilityCause();
            if (epollCause != null) {
                jdkCannot.addSuppressed(epollCause);
                throw jdkCannot;
            }
        }
    }

    // netty-codec-base is a separate jar: touch it now so a missing jar shows up as unavailability, not as a
    // NoClassDefFoundError in the middle of a connect.
    private static void requireCodec() throws ClassNotFoundException {
        Class.forName("io.netty.handler.codec.LengthFieldBasedFrameDecoder", false,
                SocketFlavor.class.getClassLoader());
    }

    private static Throwable epollUnavailabilityCause() {
        try {
            return Epolls.unavailabilityCause();
        } catch (Throwable t) {
            // netty-transport-classes-epoll missing altogether: NIO still works.
            return t;
        }
    }

    Family family() {
        return family;
    }

    /** @return e.g. "epoll Unix domain sockets", for messages and diagnostics */
    String description() {
        return description;
    }

    IoHandlerFactory ioHandlerFactory() {
        return ioHandlerFactory;
    }

    Class<? extends ServerChannel> serverChannelClass() {
        return serverChannelClass;
    }

    Class<? extends Channel> channelClass() {
        return channelClass;
    }

    /**
     * @param socketFile where to bind a Unix socket; ignored (may be null) for TCP
     * @return what to bind a server channel to
     */
    SocketAddress bindAddress(Path socketFile) {
        return family == Family.UNIX ? unixAddress.apply(socketFile) : new InetSocketAddress(LOOPBACK, 0);
    }

    /**
     * @param bound      the server channel's local address after binding
     * @param socketFile the file it was bound to, for Unix sockets
     * @return the opaque address string {@link #connectAddress} reads back
     */
    String address(SocketAddress bound, Path socketFile) {
        if (family == Family.UNIX) {
            return family.prefix + socketFile.toAbsolutePath();
        }
        InetSocketAddress inet = (InetSocketAddress) bound;
        return family.prefix + inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }

    /**
     * Reads an address that {@link #address} made, in this or another process.
     *
     * @throws IOException saying what is wrong with anything else
     */
    SocketAddress connectAddress(String address) throws IOException {
        if (address.startsWith(family.prefix)) {
            String rest = address.substring(family.prefix.length());
            return family == Family.UNIX ? parseUnix(address, rest) : parseTcp(address, rest);
        }
        for (Family other : Family.values()) {
            if (other != family && address.startsWith(other.prefix)) {
                throw new IOException("'" + address + "' is a " + other.prefix + " address, but this transport uses "
                        + description + " and connects only to " + family.prefix + " addresses; "
                        + "the address comes from a process using another mp4j transport");
            }
        }
        throw new IOException("'" + address + "' is not an address of this transport: expected "
                + (family == Family.UNIX ? "unix:<absolute socket path>" : "tcp:127.0.0.1:<port>"));
    }

    private SocketAddress parseUnix(String address, String path) throws IOException {
        Path p;
        try {
            p = Path.of(path);
        } catch (RuntimeException e) {
            throw new IOException("'" + address + "' does not hold a valid socket path: " + e.getMessage(), e);
        }
        if (path.isEmpty() || !p.isAbsolute()) {
            throw new IOException("'" + address + "' must hold an absolute socket path after 'unix:'");
        }
        return unixAddress.apply(p);
    }

    private static SocketAddress parseTcp(String address, String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IOException("'" + address + "' has no port: expected tcp:127.0.0.1:<port>");
        }
        String host = hostPort.substring(0, colon);
        String portText = hostPort.substring(colon + 1);
        if (!IPV4_LITERAL.matcher(host).matches()) {
            throw new IOException("'" + address + "' must name an IPv4 loopback address such as 127.0.0.1, not '"
                    + host + "'");
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByName(host); // a literal: no name lookup happens
        } catch (IOException e) {
            throw new IOException("'" + address + "' holds an invalid IPv4 address '" + host + "'", e);
        }
        if (!ip.isLoopbackAddress()) {
            throw new IOException("'" + address + "' is not a loopback address: this transport never leaves the"
                    + " machine");
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IOException("'" + address + "' has an invalid port '" + portText + "'", e);
        }
        if (port < 1 || port > 65535) {
            throw new IOException("'" + address + "' has port " + port + ", outside 1..65535");
        }
        return new InetSocketAddress(ip, port);
    }

    private static InetAddress loopbackV4() {
        try {
            // Not InetAddress.getLoopbackAddress(): that may be ::1 under java.net.preferIPv6Addresses.
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * Everything that names an epoll class. Kept apart so that a class path without
     * netty-transport-classes-epoll still verifies and loads {@link SocketFlavor} and falls back to NIO.
     */
    private static final class Epolls {
        private Epolls() {
        }

        static Throwable unavailabilityCause() {
            if (Epoll.isAvailable()) {
                return null;
            }
            Throwable cause = Epoll.unavailabilityCause();
            return cause != null ? cause : new UnsatisfiedLinkError("Netty reports epoll unavailable");
        }

        static SocketFlavor unixDomain() {
            return new SocketFlavor(Family.UNIX, "epoll Unix domain sockets", EpollIoHandler.newFactory(),
                    EpollServerDomainSocketChannel.class, EpollDomainSocketChannel.class,
                    path -> new DomainSocketAddress(path.toFile()));
        }

        static SocketFlavor loopbackTcp() {
            return new SocketFlavor(Family.TCP, "epoll loopback TCP", EpollIoHandler.newFactory(),
                    EpollServerSocketChannel.class, EpollSocketChannel.class, null);
        }
    }
}
