package dev.mp4j.core.pipe;

import dev.mp4j.Connection;
import dev.mp4j.core.codec.Codec;
import dev.mp4j.core.codec.Departures;
import dev.mp4j.core.link.FrameLimit;
import dev.mp4j.core.process.ThreadProcess;
import dev.mp4j.shm.Durations;

import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.time.Duration;
import java.util.Objects;

/**
 * The user's {@link Connection}: checks arguments and direction, encodes and decodes, and leaves delivery to
 * its {@link End}. As in Python, a message is bytes: {@code send(o)} is {@code sendBytes(encode(o))} and
 * {@code recv()} is {@code decode(recvBytes())}, so a process can relay messages without decoding them.
 */
final class ConnectionImpl implements Connection {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient End end;
    private final transient boolean readable;
    private final transient boolean writable;
    /** Known once the end exists: its transport's limit, or the smaller of both ends' for another owner's pipe. */
    private final transient int maxMessageBytes;

    ConnectionImpl(End end, int side, boolean duplex) {
        this.end = end;
        this.readable = duplex || side == 0;
        this.writable = duplex || side == 1;
        this.maxMessageBytes = end.maxMessageBytes();
        ThreadProcess.closeAtEnd(this);
    }

    End end() {
        return end;
    }

    private void checkWritable() {
        if (end.isClosed()) {
            throw new IllegalStateException("this Connection is closed");
        }
        if (!writable) {
            throw new IllegalStateException("this is the receiving end of a one-way pipe: it cannot send");
        }
    }

    void checkReadable() {
        if (end.isClosed()) {
            throw new IllegalStateException("this Connection is closed");
        }
        if (!readable) {
            throw new IllegalStateException("this is the sending end of a one-way pipe: it cannot receive");
        }
    }

    @Override
    public void send(Object obj) {
        checkWritable();
        if (Codec.isFlat(obj)) { // the common case costs the check alone
            byte[] message = Codec.encode(obj);
            checkLength(message.length);
            end.send(message);
            return;
        }
        // a refused message, or one whose send failed, leaves nothing behind: no queue or pipe end inside it counts
        // as in flight
        Departures.checked(() -> Codec.encode(obj), message -> {
            checkLength(message.length);
            end.send(message);
        });
    }

    private void checkLength(int length) {
        if (length > maxMessageBytes) {
            throw FrameLimit.exceeded(length, maxMessageBytes, "this pipe's transport");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T recv() throws InterruptedException {
        checkReadable();
        return (T) Codec.decode(receive(Integer.MAX_VALUE));
    }

    /**
     * A receive may wait, so it throws at once if the thread is already interrupted, on every kind of end, as
     * {@code java.util.concurrent}'s blocking calls do.
     */
    private byte[] receive(int maxLength) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return end.receive(maxLength);
    }

    @Override
    public boolean poll() {
        checkReadable();
        try {
            return end.poll(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean poll(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        checkReadable();
        long nanos = Math.max(0, Durations.toNanos(timeout));
        if (nanos > 0 && Thread.interrupted()) {
            throw new InterruptedException();
        }
        return end.poll(nanos);
    }

    @Override
    public void sendBytes(byte[] buf) {
        Objects.requireNonNull(buf, "buf");
        sendBytes(buf, 0, buf.length);
    }

    @Override
    public void sendBytes(byte[] buf, int offset, int length) {
        Objects.requireNonNull(buf, "buf");
        Objects.checkFromIndexSize(offset, length, buf.length);
        checkWritable();
        checkLength(length);
        end.send(java.util.Arrays.copyOfRange(buf, offset, offset + length));
    }

    /** {@link #sendBytes(byte[])} without waiting at the high-water mark ({@link End#sendWithoutWaiting}), taking the array over. */
    void sendBytesWithoutWaiting(byte[] message) {
        checkWritable();
        checkLength(message.length);
        end.sendWithoutWaiting(message);
    }

    @Override
    public byte[] recvBytes() throws InterruptedException {
        return recvBytes(Integer.MAX_VALUE);
    }

    @Override
    public byte[] recvBytes(int maxLength) throws InterruptedException {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must not be negative: " + maxLength);
        }
        checkReadable();
        return receive(maxLength);
    }

    @Override
    public int recvBytesInto(byte[] buf, int offset) throws InterruptedException {
        Objects.requireNonNull(buf, "buf");
        Objects.checkIndex(offset, buf.length + 1);
        checkReadable();
        byte[] p = receive(buf.length - offset);
        System.arraycopy(p, 0, buf, offset, p.length);
        return p.length;
    }

    @Override
    public boolean isReadable() {
        return readable && !end.isClosed();
    }

    @Override
    public boolean isWritable() {
        return writable && !end.isClosed();
    }

    @Override
    public boolean isClosed() {
        return end.isClosed();
    }

    @Override
    public void close() {
        end.close();
    }

    @Serial
    private Object writeReplace() throws ObjectStreamException {
        if (end.contextClosed()) {
            // the child would find nothing where the token points, and die; say so here, in the sender
            throw new NotSerializableException("a pipe end whose context was closed cannot be sent to another"
                    + " process: make a new pipe from Multiprocessing.context()");
        }
        if (end.isClosed()) {
            throw new NotSerializableException("a closed Connection cannot be sent to another process");
        }
        return end.token();
    }

    @Override
    public String toString() {
        return "Connection[" + (readable && writable ? "duplex" : readable ? "receiving" : "sending")
                + (end.isClosed() ? ", closed" : "") + "]";
    }
}
