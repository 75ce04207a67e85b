package dev.mp4j.core.net;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A socket that carries frames: a four-byte big-endian length, then that many bytes. Its reads and writes block
 * the calling thread; one thread reads at a time and one writes at a time (writes are serialized here; reads are
 * the caller's to serialize).
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
    /**
     * How long a reader spins, reading, before it waits in the selector: a reply that comes within it is read
     * without the few tens of microseconds a sleeping thread takes to wake. It costs that much CPU per wait at
     * most. System property {@code mp4j.net.spinMicros}, default 20; 0 waits at once.
     */
    static final long SPIN_NANOS = Long.getLong("mp4j.net.spinMicros", 20) * 1000;
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
                        select(writable, 0);
                        interrupted |= Thread.interrupted();
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
     * Waits until the next frame's length is here, without consuming anything.
     *
     * @param nanos         the longest wait; negative to wait as long as it takes, zero not to wait
     * @param interruptible whether an interrupt ends the wait; if not, it is kept for later
     * @return false if the time passed first
     * @throws EOFException         at the end of the stream
     * @throws InterruptedException if interruptible and the thread was interrupted; nothing was consumed
     */
    public boolean awaitFrame(long nanos, boolean interruptible) throws IOException, InterruptedException {
        if (in.remaining() >= 4) {
            return true;
        }
        long deadline = nanos < 0 ? Long.MAX_VALUE : System.nanoTime() + nanos;
        boolean[] interrupted = {false};
        in.compact();
        try {
            while (in.position() < 4) {
                if (readSome(in, deadline, interruptible, interrupted) == 0) {
                    return false;
                }
            }
            return true;
        } finally {
            in.flip();
            if (interrupted[0]) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return the length of the next frame; call after {@link #awaitFrame} returned true */
    public int nextLength() {
        return in.getInt(in.position());
    }

    /**
     * Reads the next frame, waiting as long as it takes; an interrupt does not end the wait.
     *
     * @throws EOFException at the end of the stream
     * @throws IOException  if the channel broke, or the peer sent a frame longer than the limit (the channel is
     *                      then closed)
     */
    public byte[] read() throws IOException {
        try {
            awaitFrame(-1, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
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
            boolean[] interrupted = {false};
            try {
                while (rest.hasRemaining()) {
                    readSome(rest, Long.MAX_VALUE, false, interrupted);
                }
            } catch (EOFException e) {
                throw new EOFException(peer + " closed the connection in the middle of a frame");
            } catch (InterruptedException e) {
                throw new AssertionError("an uninterruptible wait was interrupted", e);
            } finally {
                if (interrupted[0]) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return frame;
    }

    /**
     * Reads what has arrived into {@code to}, first spinning for {@link #SPIN_NANOS} and then waiting in the
     * selector until something arrives or the deadline passes.
     *
     * @return how many bytes were read: 0 only if the deadline passed
     */
    private int readSome(ByteBuffer to, long deadline, boolean interruptible, boolean[] interrupted)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        long spinUntil = deadline == Long.MAX_VALUE ? start + SPIN_NANOS : Math.min(start + SPIN_NANOS, deadline);
        while (true) {
            int got = channel.read(to);
            if (got < 0) {
                throw new EOFException(peer + " closed the connection");
            }
            if (got > 0) {
                return got;
            }
            long now = System.nanoTime();
            if (now - spinUntil < 0) {
                Thread.onSpinWait();
                continue;
            }
            if (deadline != Long.MAX_VALUE && deadline - now <= 0) {
                return 0;
            }
            select(readable, deadline == Long.MAX_VALUE ? 0 : Math.max(1, (deadline - now + 999_999) / 1_000_000));
            if (Thread.interrupted()) {
                if (interruptible) {
                    throw new InterruptedException();
                }
                interrupted[0] = true;
            }
        }
    }

    /** Waits in the selector, for at most {@code millis} (0: as long as it takes), or until the channel closes. */
    private void select(Selector selector, long millis) throws IOException {
        if (!channel.isOpen()) {
            throw new java.nio.channels.ClosedChannelException();
        }
        try {
            selector.select(millis);
            selector.selectedKeys().clear();
        } catch (java.nio.channels.ClosedSelectorException e) {
            throw new java.nio.channels.ClosedChannelException();
        }
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
