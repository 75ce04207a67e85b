package dev.mp4j.transport.netty;

import dev.mp4j.spi.FrameServer;
import io.netty.channel.Channel;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A listening server channel of a {@link NettyTransport}. {@link #close()} stops accepting and removes the socket
 * file (Unix sockets); links it accepted stay open, as {@link FrameServer} requires. Thread-safe.
 */
final class NettyServer implements FrameServer {
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final NettyTransport transport;
    private final Channel channel;
    private final String address;
    private final Path socketFile;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param socketFile the Unix socket file to remove at close, or null for TCP
     */
    NettyServer(NettyTransport transport, Channel channel, String address, Path socketFile) {
        this.transport = transport;
        this.channel = channel;
        this.address = address;
        this.socketFile = socketFile;
    }

    @Override
    public String address() {
        return address;
    }

    /** Closes the server channel, waiting briefly unless called on the event loop, and removes the socket file. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        transport.forget(this);
        // Closing only the server channel: accepted children are separate channels and stay open.
        io.netty.channel.ChannelFuture done = channel.close();
        if (!channel.eventLoop().inEventLoop()) {
            done.awaitUninterruptibly(CLOSE_WAIT_MILLIS);
        }
        // Netty removes the file itself on close for both epoll and NIO; this covers a failed or slow close.
        SocketFolder.deleteSocket(socketFile);
    }

    @Override
    public String toString() {
        return "NettyServer[" + address + (closed.get() ? ", closed" : "") + "]";
    }
}
