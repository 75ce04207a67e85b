package dev.mp4j.tck.sample;

import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;

import java.io.EOFException;
import java.io.IOException;
import java.util.function.Consumer;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FrameLink} over one connected socket, with a thread that writes and a thread that reads. Each frame is a
 * 4-byte length and the bytes; the length -1 is the goodbye. Only the reading thread calls the handler, so its calls
 * come one at a time, in order, and {@link FrameHandler#onClose} exactly once, last — whatever ends the link, an
 * {@link Error} included.
 *
 * <p>A frame longer than the transport's limit ({@link SampleTransport#maxFrameBytes()}) ends the link. A frame's buffer grows as its bytes arrive, so
 * a peer that announces a long frame and sends nothing (before the handshake, say) costs at most
 * {@value #FIRST_READ_BYTES} bytes.
 */
final class SampleLink implements FrameLink {
    private static final int FIRST_READ_BYTES = 64 << 10;
    private static final int GOODBYE = -1;
    private static final long CLOSE_TIMEOUT_MILLIS = 5_000;
    /** Put in the outbox by {@link #close()}: the writer sends the goodbye when it reaches it. */
    private static final ByteBuffer GOODBYE_MARK = ByteBuffer.allocate(0);
    /** Put in the outbox once the link has ended from the other side: the writer stops, writing nothing more. */
    private static final ByteBuffer STOP_MARK = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final int maxFrameBytes;
    private final Runnable onEnded;
    private final LinkedBlockingQueue<ByteBuffer> outbox = new LinkedBlockingQueue<>();
    private final CountDownLatch writerDone = new CountDownLatch(1);
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private final Object lock = new Object();
    private volatile FrameHandler handler;
    private volatile boolean open = true;
    private volatile boolean closeCalled;
    private volatile Throwable failure;
    private final Consumer<Error> onError;

    /**
     * Starts writing at once, so that frames sent before the handler is set (from inside a
     * {@link dev.mp4j.spi.LinkAcceptor}) go out first; {@link #start} starts reading.
     *
     * @param maxFrameBytes the longest frame the link takes
     * @param onEnded       told once the link has ended, after {@code onClose}
     * @param onError       told after that when an {@link Error} ended it, so that the transport fails its other links
     */
    SampleLink(SocketChannel channel, String name, int maxFrameBytes, Runnable onEnded, Consumer<Error> onError) {
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
        this.onEnded = onEnded;
        this.onError = onError;
        new SampleThread(this::writeLoop, name + "-write").start();
    }

    /** Sets the handler and starts reading; once. */
    void start(FrameHandler h, String name) {
        this.handler = Objects.requireNonNull(h, "handler");
        new SampleThread(this::readLoop, name + "-read").start();
    }

    @Override
    public boolean send(ByteBuffer frame) {
        Objects.requireNonNull(frame, "frame");
        synchronized (lock) {
            // with close() under one lock: a frame is either queued before the goodbye or refused
            if (!open) {
                return false;
            }
            outbox.add(frame.slice());
            return true;
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closeCalled) {
                return;
            }
            closeCalled = true;
            open = false;
            outbox.add(GOODBYE_MARK);
        }
        if (SampleThread.current()) {
            return; // on a transport thread: the link ends once the peer answers the goodbye
        }
        try {
            if (!writerDone.await(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                fail(new IOException("closed after waiting " + CLOSE_TIMEOUT_MILLIS + " ms for the peer to read"));
            }
            if (handler != null && !readerDone.await(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                closeChannel();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the link with a cause; the reading thread reports it. */
    void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        open = false;
        closeChannel();
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
    }

    private void writeLoop() {
        ByteBuffer header = ByteBuffer.allocate(4);
        try {
            while (true) {
                ByteBuffer frame = outbox.take();
                if (frame == STOP_MARK) {
                    return;
                }
                if (frame == GOODBYE_MARK) {
                    writeFully(new ByteBuffer[] {header.clear().putInt(GOODBYE).flip()});
                    channel.shutdownOutput();
                    return;
                }
                writeFully(new ByteBuffer[] {header.clear().putInt(frame.remaining()).flip(), frame});
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            fail(e);
        } finally {
            outbox.clear();
            writerDone.countDown();
        }
    }

    private void writeFully(ByteBuffer[] buffers) throws IOException {
        // the header first: an empty frame is a header alone
        while (buffers[0].hasRemaining() || buffers[buffers.length - 1].hasRemaining()) {
            channel.write(buffers);
        }
    }

    private void readLoop() {
        Throwable cause;
        try {
            cause = readFrames();
        } catch (Throwable t) {
            cause = failure != null ? failure : closeCalled ? null : t;
        }
        open = false;
        synchronized (lock) {
            if (!closeCalled) {
                // the peer said goodbye, or the link broke: nothing more goes out
                outbox.clear();
                outbox.add(STOP_MARK);
            }
        }
        try {
            writerDone.await(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeChannel();
        try {
            handler.onClose(this, cause);
        } finally {
            readerDone.countDown();
            onEnded.run();
            if (cause instanceof Error e) {
                onError.accept(e);
            }
        }
    }

    /** @return null after an orderly goodbye; else why the link ended */
    private Throwable readFrames() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4);
        while (true) {
            if (!readFully(header.clear())) {
                return closeCalled ? null
                        : new EOFException("the peer's connection ended without a goodbye: its process died or failed the link");
            }
            int length = header.flip().getInt();
            if (length == GOODBYE) {
                open = false;
                return null;
            }
            if (length < 0 || length > maxFrameBytes) {
                return new IOException("a frame of " + Integer.toUnsignedString(length) + " bytes, over the sample's limit of "
                        + maxFrameBytes);
            }
            ByteBuffer frame = readFrame(length);
            if (frame == null) {
                return new EOFException("the peer's connection ended in the middle of a frame");
            }
            try {
                handler.onFrame(this, frame.flip());
            } catch (RuntimeException | Error e) {
                return e;
            }
        }
    }

    /** Reads a frame into a buffer that grows as its bytes arrive; null at end of stream. */
    private ByteBuffer readFrame(int length) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(Math.min(length, FIRST_READ_BYTES));
        while (true) {
            if (!readFully(frame)) {
                return null;
            }
            if (frame.capacity() == length) {
                return frame;
            }
            ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(length, 2L * frame.capacity()));
            bigger.put(frame.flip());
            frame = bigger;
        }
    }

    private boolean readFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                return false;
            }
        }
        return true;
    }
}
