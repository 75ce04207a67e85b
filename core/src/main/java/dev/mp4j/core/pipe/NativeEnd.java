package dev.mp4j.core.pipe;

import dev.mp4j.ConnectionClosedException;
import dev.mp4j.MpException;
import dev.mp4j.MessageTooLongException;
import dev.mp4j.core.link.Node;
import dev.mp4j.core.codec.Departures;
import dev.mp4j.runtime.Token;
import dev.mp4j.spi.NativePipe;

/**
 * A copy of a pipe end whose messages its transport keeps ({@link dev.mp4j.spi.NativeQueues}): it sends and
 * receives directly, in every process alike, and the transport counts the open copies of each end.
 */
final class NativeEnd implements End {
    private final Node node;
    private final NativePipe pipe;
    private final Runnable onClose;
    private final int maxMessageBytes;
    private volatile boolean closed;

    /**
     * @param onClose         told once, when this copy closes
     */
    NativeEnd(Node node, NativePipe pipe, Runnable onClose) {
        this.node = node;
        this.pipe = pipe;
        this.maxMessageBytes = node.maxItemBytes();
        this.onClose = onClose;
    }

    @Override
    public boolean contextClosed() {
        return node.isClosed();
    }

    @Override
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Connection is closed");
        }
    }

    /**
     * Waits while the other end holds its high-water mark; an interrupt while it waits fails the send with
     * {@link MpException}, nothing sent and the interrupt status kept.
     */
    @Override
    public void send(byte[] payload) {
        try {
            pipe.awaitWritable(-1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MpException("interrupted while waiting for the reader to take what was sent before: nothing was "
                    + "sent", e);
        }
        sendWithoutWaiting(payload);
    }

    @Override
    public void sendWithoutWaiting(byte[] payload) {
        checkOpen();
        if (!pipe.send(payload)) {
            throw new ConnectionClosedException("cannot send: every copy of the other end of this pipe is closed");
        }
    }

    @Override
    public byte[] receive(int maxLength) throws InterruptedException {
        while (true) {
            checkOpen();
            byte[] m = pipe.receive(-1, maxLength);
            if (m != null) {
                return m;
            }
            // null without a timeout: this copy was closed, the next message is too long, or the pipe has ended
            checkOpen();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            int head = pipe.headLength();
            if (head > maxLength) {
                throw new MessageTooLongException(head, maxLength);
            }
            if (pipe.isEnded()) {
                throw PipeState.endOfStream();
            }
            // the long message was taken by another reader meanwhile: look again
        }
    }

    @Override
    public boolean poll(long timeoutNanos) throws InterruptedException {
        checkOpen();
        boolean ready = pipe.awaitReadable(timeoutNanos);
        checkOpen();
        return ready;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            pipe.close();
            onClose.run();
        }
    }

    @Override
    public Token token() {
        long ticket = pipe.depart();
        Departures.onRelease(() -> pipe.release(ticket));
        return PipeKind.nativeToken(node.transportName(), pipe.name(), pipe.end(), pipe.duplex(), ticket);
    }

    /** The transport has no way to tell this process when a message arrives: a waiter polls instead. */
    @Override
    public boolean notifies() {
        return false;
    }

    @Override
    public void addListener(Runnable r) {
        // see notifies()
    }

    @Override
    public void removeListener(Runnable r) {
        // see notifies()
    }
}
