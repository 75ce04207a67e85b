package dev.mp4j.core.pipe;

import dev.mp4j.ConnectionClosedException;
import dev.mp4j.MessageTooLongException;
import dev.mp4j.core.net.FramedChannel;
import dev.mp4j.runtime.Token;

import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An end of a connection made by {@code Listener.accept} or {@code Context.connect}: a socket that the receiving
 * thread reads itself, as Python's {@code Connection} does, so a message costs no hand-over between threads and
 * nothing is read that no one asked for (a fast sender is held back by the socket, not by this heap). One thread
 * receives at a time. The peer's close or death is the end of stream, after the messages that arrived whole.
 * {@link dev.mp4j.Connections#waitAny} polls such an end, every millisecond.
 */
final class SocketEnd implements End {
    private final FramedChannel channel;
    private final ReentrantLock receiving = new ReentrantLock();
    private volatile boolean endOfStream;
    private volatile boolean closed;

    SocketEnd(FramedChannel channel) {
        this.channel = channel;
    }

    @Override
    public void send(byte[] payload) {
        try {
            channel.write(payload);
        } catch (IOException e) {
            throw closedOrGone(e);
        }
    }

    private RuntimeException closedOrGone(IOException e) {
        if (closed) {
            return new IllegalStateException("this Connection is closed");
        }
        return new ConnectionClosedException("the connection to " + channel.peer() + " is closed or the peer is "
                + "gone (" + e.getMessage() + ")");
    }

    @Override
    public byte[] receive(int maxLength) throws InterruptedException {
        receiving.lockInterruptibly();
        try {
            if (next(-1) == END_OF_STREAM) {
                throw PipeState.endOfStream();
            }
            int length = channel.nextLength();
            if (length > maxLength) {
                throw new MessageTooLongException(length, maxLength);
            }
            return channel.read();
        } catch (IOException e) {
            throw closedOrGone(e);
        } finally {
            receiving.unlock();
        }
    }

    @Override
    public boolean poll(long timeoutNanos) throws InterruptedException {
        if (!receiving.tryLock(timeoutNanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        try {
            return next(timeoutNanos) != NOTHING_YET;
        } catch (IOException e) {
            endOfStream = true;
            return true;
        } finally {
            receiving.unlock();
        }
    }

    private static final int FRAME = 0;
    private static final int END_OF_STREAM = 1;
    private static final int NOTHING_YET = 2;

    /** Waits for the next frame's length, at most {@code nanos} (negative: as long as it takes). */
    private int next(long nanos) throws InterruptedException, IOException {
        checkOpen();
        if (endOfStream) {
            return END_OF_STREAM;
        }
        try {
            return channel.awaitFrame(nanos, true) ? FRAME : NOTHING_YET;
        } catch (EOFException e) {
            endOfStream = true;
            return END_OF_STREAM;
        } catch (IOException e) {
            checkOpen();
            throw e;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Connection is closed");
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        channel.close();
    }

    @Override
    public Token token() {
        throw new IllegalArgumentException("a Connection made by Listener.accept or Context.connect belongs to the "
                + "process that opened it and cannot be sent to another process: send the listener's address "
                + "and connect there");
    }

    @Override
    public boolean notifies() {
        return false;
    }

    @Override
    public void addListener(Runnable r) {
        // a waiter polls this end (notifies() is false)
    }

    @Override
    public void removeListener(Runnable r) {
        // a waiter polls this end (notifies() is false)
    }
}
