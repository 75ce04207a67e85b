package dev.mp4j.transport.netty;

import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import dev.mp4j.spi.FrameServer;
import dev.mp4j.spi.LinkAcceptor;
import dev.mp4j.spi.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One process's Netty transport, for both providers: a {@link SocketFlavor} picks Unix domain sockets or loopback
 * TCP, epoll or NIO; everything else is shared.
 *
 * <p><b>Threads.</b> Each transport owns one Netty event loop group with exactly one thread, a daemon named
 * {@code mp4j-netty-<n>-1}, so it never keeps the JVM alive. That thread does all I/O of all the transport's
 * servers and links, and runs every callback: {@link LinkAcceptor#accept}, {@link FrameHandler#onFrame} and
 * {@link FrameHandler#onClose}. Callbacks therefore run one at a time across the whole transport and must not
 * block. User threads never write to a socket: {@link FrameLink#send} only queues, and the event loop thread
 * batches queued frames into few flushes (see {@link NettyLink}). One thread is enough for a process's handful
 * of links and keeps callbacks free of races with each other.
 *
 * <p>{@link #listen}, {@link #connect} and {@link #close} block (bounded) and so must not be called from a
 * callback; {@code listen} and {@code connect} throw {@link IllegalStateException} there, and {@code close}
 * there only starts closing. {@link FrameLink#close} on the event loop also only starts closing.
 *
 * <p><b>Addresses.</b> {@code unix:<absolute path of a socket file>} or {@code tcp:127.0.0.1:<port>}. Socket
 * files live in a private folder (see {@link SocketFolder}) that close and JVM exit remove.
 *
 * <p><b>Frames.</b> A 4-byte big-endian length, then the bytes; a closing side ends with a goodbye marker, so the
 * peer can tell an orderly close (onClose with null) from a peer process that died (onClose with an
 * {@link IOException}); see {@link NettyLink}. The largest frame a process accepts is the system property
 * {@value #MAX_FRAME_PROPERTY} (bytes, default 1 GiB), which {@link #maxFrameBytes()} tells the runtime, so that
 * a sender refuses a longer one; one that arrives all the same fails the link, which the receiver sees as
 * {@code onClose} with a {@code TooLongFrameException}. Until the runtime has authenticated the peer
 * ({@link FrameLink#authenticated()}) an accepted link takes frames of at most
 * {@value FrameLink#PRE_AUTH_FRAME_BYTES} bytes: a process that proved nothing cannot make this one allocate more.
 *
 * <p><b>Errors.</b> An {@link Error} thrown by a callback, or hit while writing, fails every link of the transport with
 * it as the cause, since they share the one thread.
 *
 * <p><b>Limits.</b> Outgoing frames queue without bound when the peer reads slower than this process sends: there
 * is no backpressure on {@link FrameLink#send} itself; the runtime bounds what it sends per queue and pipe. A link closes with a cause if what was queued before
 * {@link FrameLink#close} has not drained {@value NettyLink#CLOSE_TIMEOUT_MILLIS} ms later. {@link #close} gives
 * all links together that long, then stops the thread, which cuts off any link still draining.
 *
 * <p>Thread-safe.
 */
final class NettyTransport implements Transport {
    /** The system property that sets the largest frame this process accepts, in bytes. */
    static final String MAX_FRAME_PROPERTY = "mp4j.netty.maxFrameBytes";
    static final int DEFAULT_MAX_FRAME_BYTES = 1 << 30;

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final long BIND_TIMEOUT_MILLIS = 10_000;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 2_000;

    private final String name;
    private final SocketFlavor flavor;
    private final int maxFrameBytes;
    private final SocketFolder folder;
    private final EventLoopGroup group;
    private final Set<NettyServer> servers = ConcurrentHashMap.newKeySet();
    private final Set<NettyLink> links = ConcurrentHashMap.newKeySet();
    // Guards closed against listen/connect registering something while close() is collecting what to close.
    private final Object lock = new Object();
    private boolean closed;

    private NettyTransport(String name, SocketFlavor flavor, int maxFrameBytes) {
        this.name = name;
        this.flavor = flavor;
        this.maxFrameBytes = maxFrameBytes;
        this.folder = flavor.family() == SocketFlavor.Family.UNIX ? SocketFolder.open() : null;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("mp4j-netty", true),
                flavor.ioHandlerFactory());
    }

    /**
     * Opens a transport: starts its event loop thread and, for Unix sockets, removes stale socket folders of
     * dead processes.
     *
     * @param name the provider's name, for messages
     * @throws IOException if {@value #MAX_FRAME_PROPERTY} is invalid
     */
    static Transport open(String name, SocketFlavor flavor) throws IOException {
        return new NettyTransport(name, flavor, configuredMaxFrameBytes());
    }

    private static int configuredMaxFrameBytes() throws IOException {
        String value = System.getProperty(MAX_FRAME_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_FRAME_BYTES;
        }
        try {
            int max = Integer.parseInt(value.trim());
            if (max > 0) {
                return max;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the range.
        }
        throw new IOException("system property " + MAX_FRAME_PROPERTY + " must be a number of bytes from 1 to "
                + Integer.MAX_VALUE + ", not '" + value + "'");
    }

    @Override
    public FrameServer listen(LinkAcceptor acceptor) throws IOException {
        Objects.requireNonNull(acceptor, "acceptor");
        requireOffLoop("listen");
        ensureOpen();
        Path socketFile = folder != null ? folder.newSocketPath() : null;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(flavor.serverChannelClass())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Runs on registration, before the channel is active and reads: the handler is known
                        // before any frame can arrive. If the acceptor throws, Netty logs it and closes the child.
                        NettyLink link = newLink(ch, null);
                        link.handler(acceptor.accept(link));
                    }
                });
        if (flavor.family() == SocketFlavor.Family.TCP) {
            bootstrap.childOption(ChannelOption.TCP_NODELAY, true);
        }
        ChannelFuture bound = bootstrap.bind(flavor.bindAddress(socketFile));
        if (!bound.awaitUninterruptibly(BIND_TIMEOUT_MILLIS) || !bound.isSuccess()) {
            bound.channel().close();
            SocketFolder.deleteSocket(socketFile);
            Throwable cause = bound.cause();
            throw new IOException("cannot listen on " + (socketFile != null ? socketFile : "127.0.0.1") + " with "
                    + flavor.description() + ": " + (cause != null ? cause : "timed out"), cause);
        }
        Channel channel = bound.channel();
        NettyServer server = new NettyServer(this, channel, flavor.address(channel.localAddress(), socketFile),
                socketFile);
        synchronized (lock) {
            if (!closed) {
                servers.add(server);
                return server;
            }
        }
        server.close();
        throw new IOException("the " + name + " transport was closed");
    }

    @Override
    public FrameLink connect(String address, FrameHandler handler) throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(handler, "handler");
        SocketAddress remote = flavor.connectAddress(address);
        requireOffLoop("connect");
        ensureOpen();
        AtomicReference<NettyLink> made = new AtomicReference<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(flavor.channelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        made.set(newLink(ch, handler));
                    }
                });
        if (flavor.family() == SocketFlavor.Family.TCP) {
            bootstrap.option(ChannelOption.TCP_NODELAY, true);
        }
        ChannelFuture connected = bootstrap.connect(remote);
        try {
            // Netty enforces the connect timeout itself; the margin only guards against a lost completion.
            if (!connected.await(CONNECT_TIMEOUT_MILLIS + 1_000)) {
                connected.channel().close();
                throw new IOException("timed out after " + CONNECT_TIMEOUT_MILLIS + " ms connecting to " + address);
            }
        } catch (InterruptedException e) {
            connected.channel().close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + address);
        }
        if (!connected.isSuccess()) {
            Throwable cause = connected.cause();
            throw new IOException("cannot connect to " + address + ": " + cause, cause);
        }
        return made.get();
    }

    /** Builds a link on a new channel and tracks it until the channel closes. On the event loop. */
    private NettyLink newLink(Channel channel, FrameHandler handler) {
        // an accepted link (no handler yet) may come from anyone: capped until the runtime authenticates its peer
        NettyLink link = NettyLink.install(channel, maxFrameBytes, handler, handler == null, this::failEveryLink);
        boolean tracked;
        synchronized (lock) {
            tracked = !closed;
            if (tracked) {
                links.add(link);
            }
        }
        if (tracked) {
            channel.closeFuture().addListener(f -> links.remove(link));
        } else {
            link.startClose();
        }
        return link;
    }

    /**
     * One link's callback or write hit an {@link Error} (an {@link OutOfMemoryError}, say) on the event loop that
     * every link shares: nothing that thread left half-done can be trusted, so every link fails with it as the
     * cause, and every waiter on any of them hears of it instead of waiting on a link that fell silent. On the
     * event loop.
     */
    private void failEveryLink(Error error) {
        IOException cause = new IOException("closed because this process's " + name + " transport thread hit " + error
                + " on another link", error);
        for (NettyLink link : links) {
            link.failBecause(cause);
        }
    }

    /** A server closed by its own {@link NettyServer#close()} needs no closing by {@link #close()}. */
    void forget(NettyServer server) {
        servers.remove(server);
    }

    /**
     * Closes servers, then links (each flushing what was queued; all together wait at most about
     * {@value NettyLink#CLOSE_TIMEOUT_MILLIS} ms), then stops the event loop thread and removes the socket
     * folder. Called on the event loop, it starts all that without waiting.
     */
    @Override
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    @Override
    public void close() {
        List<NettyServer> serversToClose;
        List<NettyLink> linksToClose;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            serversToClose = new ArrayList<>(servers);
            linksToClose = new ArrayList<>(links);
        }
        boolean onLoop = onLoop();
        for (NettyServer server : serversToClose) {
            server.close();
        }
        for (NettyLink link : linksToClose) {
            link.startClose();
        }
        if (!onLoop) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(NettyLink.CLOSE_TIMEOUT_MILLIS + 500);
            for (NettyLink link : linksToClose) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || Thread.currentThread().isInterrupted()) {
                    break;
                }
                link.awaitClosed(left);
            }
        }
        // Quiet period 0: nothing new is expected, so there is nothing to wait for. Shutting down also closes
        // any link still open, which then sees onClose.
        io.netty.util.concurrent.Future<?> terminated =
                group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (!onLoop) {
            terminated.awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS + 500);
        }
        if (folder != null) {
            folder.delete();
        }
    }

    private boolean onLoop() {
        // One thread: next() is always the same loop.
        return group.next().inEventLoop();
    }

    private void requireOffLoop(String what) {
        if (onLoop()) {
            throw new IllegalStateException(what + " blocks, so it cannot run on the transport's event loop thread"
                    + " (inside a LinkAcceptor or FrameHandler callback); call it from another thread");
        }
    }

    private void ensureOpen() throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IOException("the " + name + " transport was closed");
            }
        }
    }

    /** @return the socket folder, or null for TCP or before the first listen; for tests and diagnostics */
    Path socketFolder() {
        return folder != null ? folder.path() : null;
    }

    @Override
    public String toString() {
        return "NettyTransport[" + name + ", " + flavor.description() + ", " + servers.size() + " servers, "
                + links.size() + " links" + (folder != null ? ", " + folder : "") + "]";
    }
}
