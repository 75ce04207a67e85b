package dev.mp4j.core.net;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A blocking socket that carries frames: a four-byte big-endian length, then that many bytes. One thread
 * reads at a time and one writes at a time (writes are serialized here; reads are the caller's to serialize).
 * A frame longer than the current limit closes the channel rather than be read, so a peer can never make this
 * process allocate more than the limit. The limit is small until the handshake passes.
 *
 * <p>The socket is non-blocking, and a thread waits for it in a {@link Selector}: an interrupt does not close
 * it (a blocking channel is closed by an interrupt, under every other user of it). Reads and writes go on through
 * an interrupt, and leave the thread's interrupt status set.
 */
public final class FramedChannel implements AutoCloseable {
    private final SocketChannel channel;
    private final String peer;
    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024).flip();
    private volatile int maxFrame;
    private final Selector readable;
    private volatile Selector writable;

    FramedChannel(SocketChannel channel, String peer, int maxFrame) throws IOException {
        this.channel = channel;
        this.peer = peer;
        this.maxFrame = maxFrame;
        channel.configureBlocking(false);
        readable = Selector.open();
        channel.register(readable, SelectionKey.OP_READ);
        if (!(channel.getLocalAddress() instanceof java.net.UnixDomainSocketAddress)) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
    }

    /** @return who is at the other end, for messages */
    public String peer() {
        return peer;
    }

    void maxFrame(int max) {
        this.maxFrame = max;
    }

    /** Writes one frame made of {@code parts}, in order, whole. */
    public void write(byte[]... parts) throws IOException {
        long length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("a frame of " + length + " bytes is too long to send");
        }
        ByteBuffer[] bufs = new ByteBuffer[parts.length + 1];
        bufs[0] = ByteBuffer.allocate(4).putInt(0, (int) length);
        for (int i = 0; i < parts.length; i++) {
            bufs[i + 1] = ByteBuffer.wrap(parts[i]);
        }
        boolean interrupted = false;
        try {
            synchronized (this) {
                long left = length + 4;
                while (left > 0) {
                    long n = channel.write(bufs);
                    left -= n;
                    if (n == 0) {
                        if (writable == null) {
                            writable = Selector.open();
                            channel.register(writable, SelectionKey.OP_WRITE);
                        }
                        interrupted |= await(writable);
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Reads the next frame, waiting as long as it takes.
     *
     * @throws EOFException at the end of the stream
     * @throws IOException  if the channel broke, or the peer sent a frame longer than the limit (the channel is
     *                      then closed)
     */
    public byte[] read() throws IOException {
        boolean[] interrupted = {false};
        try {
            fill(4, interrupted);
            int length = in.getInt();
            if (length < 0 || length > maxFrame) {
                close();
                throw new IOException(peer + " sent a frame of " + Integer.toUnsignedString(length)
                        + " bytes, over the limit of " + maxFrame + "; the connection is closed");
            }
            byte[] frame = new byte[length];
            int have = Math.min(in.remaining(), length);
            in.get(frame, 0, have);
            if (have < length) {
                ByteBuffer rest = ByteBuffer.wrap(frame, have, length - have);
                while (rest.hasRemaining()) {
                    int n = channel.read(rest);
                    if (n < 0) {
                        throw new EOFException(peer + " closed the connection in the middle of a frame");
                    }
                    if (n == 0) {
                        interrupted[0] |= await(readable);
                    }
                }
            }
            return frame;
        } finally {
            if (interrupted[0]) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void fill(int n, boolean[] interrupted) throws IOException {
        if (in.remaining() >= n) {
            return;
        }
        in.compact();
        try {
            while (in.position() < n) {
                int got = channel.read(in);
                if (got < 0) {
                    throw new EOFException(peer + " closed the connection");
                }
                if (got == 0) {
                    interrupted[0] |= await(readable);
                }
            }
        } finally {
            in.flip();
        }
    }

    /**
     * Waits until the selector's one key is ready, or the channel closed.
     *
     * @return whether the thread was interrupted meanwhile (its status is cleared, so that the next select waits)
     */
    private boolean await(Selector selector) throws IOException {
        if (!channel.isOpen()) {
            throw new java.nio.channels.ClosedChannelException();
        }
        try {
            selector.select();
            selector.selectedKeys().clear();
        } catch (java.nio.channels.ClosedSelectorException e) {
            throw new java.nio.channels.ClosedChannelException();
        }
        return Thread.interrupted();
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Closes the socket; a thread blocked in {@link #read()} sees an exception. Idempotent. */
    @Override
    public void close() {
        try {
            channel.close();
            readable.close();
            Selector w = writable;
            if (w != null) {
                w.close();
            }
        } catch (IOException ignored) {
            // closing a socket fails only if it is already gone
        }
    }
}
