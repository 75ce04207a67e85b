package dev.mp4j.core.pipe;

import dev.mp4j.core.net.FramedChannel;
import dev.mp4j.runtime.Token;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An end of a connection made by {@code Listener.accept} or {@code Context.connect}: a socket with a reader
 * thread that moves whole frames into an inbox. The reader stops reading while the inbox holds more than
 * {@link #INBOX_BYTES}, so a fast sender is held back by the socket rather than filling this heap. The peer's
 * close or death is the end of stream, after the messages that arrived whole.
 */
final class SocketEnd implements End {
    static final long INBOX_BYTES = 64L << 20;
    private final FramedChannel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long inboxBytes;
    private boolean endOfStream;
    private volatile boolean closed;

    SocketEnd(FramedChannel channel) {
        this.channel = channel;
        Thread reader = new Thread(this::readLoop, "mp4j-connection " + channel.peer());
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        try {
            while (true) {
                byte[] frame = channel.read();
                lock.lock();
                try {
                    inbox.addLast(frame);
                    inboxBytes += frame.length;
                    changed.signalAll();
                    while (inboxBytes > INBOX_BYTES && !closed) {
                        changed.await();
                    }
                } finally {
                    lock.unlock();
                }
                listeners.forEach(Runnable::run);
                if (closed) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            lock.lock();
            try {
                endOfStream = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            listeners.forEach(Runnable::run);
        }
    }

    @Override
    public void send(byte[] payload) {
        try {
            channel.write(payload);
        } catch (IOException e) {
            throw new dev.mp4j.ConnectionClosedException("cannot send to " + channel.peer()
                    + ": the connection is closed or the peer is gone (" + e.getMessage() + ")");
        }
    }

    @Override
    public byte[] receive(int maxLength) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (inbox.isEmpty()) {
                checkOpen();
                if (endOfStream) {
                    throw PipeState.endOfStream();
                }
                changed.await();
            }
            checkOpen();
            PipeState.checkLength(inbox.peekFirst(), maxLength);
            byte[] m = inbox.pollFirst();
            inboxBytes -= m.length;
            changed.signalAll();
            return m;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean poll(long timeoutNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long left = timeoutNanos;
            while (inbox.isEmpty() && !endOfStream) {
                checkOpen();
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            checkOpen();
            return true;
        } finally {
            lock.unlock();
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
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        channel.close();
    }

    @Override
    public Token token() {
        throw new IllegalArgumentException("a Connection made by Listener.accept or Context.connect belongs to the "
                + "process that opened it and cannot be sent to another process: send the listener's address "
                + "and connect there");
    }

    @Override
    public void addListener(Runnable r) {
        listeners.add(r);
    }

    @Override
    public void removeListener(Runnable r) {
        listeners.remove(r);
    }

}
