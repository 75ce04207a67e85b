package dev.mp4j.tck.sample;

import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link FrameLink} over one connected socket, with a thread that writes and a thread that reads. Each frame is a
 * 4-byte length and the bytes; the length -1 is the goodbye. Only the reading thread calls the handler, so its calls
 * come one at a time, in order, and {@link FrameHandler#onClose} last.
 */
final class SampleLink implements FrameLink {
    private static final int GOODBYE = -1;
    private static final long CLOSE_TIMEOUT_MILLIS = 5_000;
    /** Put in the outbox by {@link #close()}: the writer sends the goodbye when it reaches it. */
    private static final ByteBuffer GOODBYE_MARK = ByteBuffer.allocate(0);
    /** Put in the outbox once the link has ended from the other side: the writer stops, writing nothing more. */
    private static final ByteBuffer STOP_MARK = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final int maxFrameBytes;
    private final LinkedBlockingQueue<ByteBuffer> outbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean closeCalled = new AtomicBoolean();
    private final CountDownLatch writerDone = new CountDownLatch(1);
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private volatile FrameHandler handler;
    private volatile boolean open = true;
    private volatile Throwable failure;
    private Thread reader;

    SampleLink(SocketChannel channel, int maxFrameBytes) {
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Sets the handler and starts reading and writing; once, before anything else. */
    void start(FrameHandler h, String name) {
        this.handler = Objects.requireNonNull(h, "handler");
        Thread writer = new Thread(this::writeLoop, name + "-write");
        reader = new Thread(this::readLoop, name + "-read");
        writer.setDaemon(true);
        reader.setDaemon(true);
        writer.start();
        reader.start();
    }

    @Override
    public boolean send(ByteBuffer frame) {
        Objects.requireNonNull(frame, "frame");
        if (!open) {
            return false;
        }
        outbox.add(frame.slice());
        return true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (!closeCalled.compareAndSet(false, true)) {
            return;
        }
        open = false;
        outbox.add(GOODBYE_MARK);
        if (Thread.currentThread() == reader) {
            return; // from a handler: the reader ends once the peer answers the goodbye
        }
        try {
            if (!writerDone.await(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                fail(new IOException("closed after waiting " + CLOSE_TIMEOUT_MILLIS + " ms for the peer to read"));
            }
            if (!readerDone.await(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
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
        } catch (IOException e) {
            fail(e);
        } catch (InterruptedException e) {
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
        Throwable cause = null;
        try {
            ByteBuffer header = ByteBuffer.allocate(4);
            while (true) {
                if (!readFully(header.clear())) {
                    cause = closeCalled.get() ? null
                            : new EOFException("the peer's connection ended without a goodbye: its process died or failed the link");
                    break;
                }
                int length = header.flip().getInt();
                if (length == GOODBYE) {
                    open = false;
                    break;
                }
                if (length < 0 || length > maxFrameBytes) {
                    cause = new IOException("a frame of " + length + " bytes, over this process's limit of " + maxFrameBytes);
                    break;
                }
                ByteBuffer frame = ByteBuffer.allocate(length);
                if (!readFully(frame)) {
                    cause = new EOFException("the peer's connection ended in the middle of a frame");
                    break;
                }
                try {
                    handler.onFrame(this, frame.flip());
                } catch (RuntimeException | Error e) {
                    cause = e;
                    break;
                }
            }
        } catch (IOException e) {
            cause = failure != null ? failure : closeCalled.get() ? null : e;
        }
        open = false;
        if (!closeCalled.get()) {
            // the peer said goodbye, or the link broke: nothing more goes out
            outbox.clear();
            outbox.add(STOP_MARK);
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
