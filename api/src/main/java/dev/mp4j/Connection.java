package dev.mp4j;

import java.io.Serializable;
import java.time.Duration;

/**
 * One end of a {@link Pipe}: Python's {@code multiprocessing.connection.Connection}.
 *
 * <p>Messages keep their boundaries: each {@code send} is received by exactly one {@code recv}, never
 * merged or split; an empty message is a message. As in Python, a message is bytes: {@code send(o)} sends
 * the encoding of {@code o}, and {@code recv()} decodes the next message, so {@code recv()} of a message sent
 * with {@link #sendBytes} fails with {@link MpException} unless those bytes are an encoding. Objects go
 * through mp4j's codec ({@code byte[]},
 * {@code String}, boxed primitives and primitive arrays without Java serialization, anything else
 * {@link Serializable} with it); {@code null} is allowed.
 *
 * <p><b>Copies.</b> An end sent to another process (captured by a {@link Task}, or sent through a pipe or
 * queue) is a copy that re-attaches there; closing one copy closes only that copy. The reader sees end of
 * stream ({@link ConnectionClosedException}) once every copy of the other end is closed or its process is
 * gone, and every message sent before has been received. An end that is in flight (serialized but not yet
 * received) counts as an open copy. On a transport that keeps pipe messages itself
 * ({@link dev.mp4j.spi.NativeQueues}) the pipe outlives the process that created it; on the others (sockets), if
 * that process ends, the copies in other processes see end of stream.
 *
 * <p>Threads: any number of threads may use one end; each message goes to exactly one receiver.
 * A closed end, or the wrong direction of a one-way pipe, throws {@link IllegalStateException}.
 *
 * <p>Memory consistency effects: actions in a process prior to sending a message ({@link #send},
 * {@link #sendBytes}) happen-before actions subsequent to the {@link #recv()}, {@link #recvBytes()} or
 * {@link #recvBytesInto} that receives that message, in this or any other process; across processes that
 * reaches the message itself and shared memory (see the {@linkplain dev.mp4j package summary}). The message
 * is a copy, encoded (or, for bytes, copied) before {@code send} or {@code sendBytes} returns: changes made
 * to the original afterwards do not travel.
 *
 * <p>Likewise, actions prior to closing the last open copy of an end happen-before the reader of the other
 * end sees the end of stream that this close caused; an end of stream caused by the death of a process orders
 * nothing beyond the messages received before it. {@link #poll()} and {@link Connections#waitAny} consume
 * nothing and promise no effects of their own.
 */
public interface Connection extends AutoCloseable, Serializable {
    /**
     * Sends an object. Returns once the message is encoded and queued for sending, which waits while the other end
     * holds the high-water mark of unread bytes ({@code -Dmp4j.highWaterBytes}, 64 MiB by default; on a transport
     * that serves pipes from their owner, the unread bytes sent through this end object), as a write to a full OS
     * pipe waits in Python: memory stays bounded whatever the reader's speed. The wait ends when the reader takes
     * messages, when every copy of the other end is closed or gone, or when this end is closed.
     *
     * @throws IllegalArgumentException   if the object cannot be serialized (nothing is sent)
     * @throws ConnectionClosedException  if every copy of the other end is closed
     * @throws IllegalStateException      if this end is closed or cannot send
     * @throws MpException                if interrupted while waiting for the reader (nothing is sent, and the
     *                                    thread's interrupt status stays set), or if the process that serves the
     *                                    pipe is gone
     */
    void send(Object obj);

    /**
     * Receives the next object, waiting for one.
     *
     * @param <T> the expected type; a wrong guess fails with {@link ClassCastException} at the call site
     * @throws ConnectionClosedException if at end of stream
     * @throws InterruptedException      if interrupted while waiting (no message is lost)
     * @throws IllegalStateException     if this end is closed or cannot receive
     * @throws MpException               if the message cannot be decoded here (it is consumed)
     */
    <T> T recv() throws InterruptedException;

    /**
     * Whether a message (or end of stream) is ready. Never consumes anything and never blocks for long.
     *
     * @throws IllegalStateException if this end is closed or cannot receive
     */
    boolean poll();

    /**
     * Waits at most {@code timeout} for a message or end of stream; never consumes anything.
     *
     * @return true if {@link #recv()} would not block
     * @throws InterruptedException  if interrupted while waiting
     * @throws IllegalStateException if this end is closed or cannot receive
     */
    boolean poll(Duration timeout) throws InterruptedException;

    /**
     * Sends the whole array as one message.
     *
     * @see #sendBytes(byte[], int, int)
     */
    void sendBytes(byte[] buf);

    /**
     * Sends {@code length} bytes of {@code buf} from {@code offset} as one message (copied before return).
     *
     * @throws IndexOutOfBoundsException if offset or length fall outside {@code buf} (nothing is sent)
     * @throws ConnectionClosedException if every copy of the other end is closed
     * @throws IllegalStateException     if this end is closed or cannot send
     */
    void sendBytes(byte[] buf, int offset, int length);

    /**
     * Receives the next message as bytes. A message sent with {@link #sendBytes} comes back as it was sent;
     * one sent with {@link #send(Object)} comes back in mp4j's encoding, which {@link #sendBytes} can relay
     * unchanged to a {@link #recv()} elsewhere.
     *
     * @throws ConnectionClosedException if at end of stream
     * @throws InterruptedException      if interrupted while waiting
     */
    byte[] recvBytes() throws InterruptedException;

    /**
     * Receives the next message as bytes if it is at most {@code maxLength} long.
     *
     * @throws MessageTooLongException   if it is longer; it then stays unread
     * @throws IllegalArgumentException  if {@code maxLength} is negative
     * @throws ConnectionClosedException if at end of stream
     * @throws InterruptedException      if interrupted while waiting
     */
    byte[] recvBytes(int maxLength) throws InterruptedException;

    /**
     * Receives the next message into {@code buf} at {@code offset}.
     *
     * @return the length of the message
     * @throws IndexOutOfBoundsException if {@code offset} is outside {@code buf}
     * @throws MessageTooLongException   if the message does not fit; it then stays unread
     * @throws ConnectionClosedException if at end of stream
     * @throws InterruptedException      if interrupted while waiting
     */
    int recvBytesInto(byte[] buf, int offset) throws InterruptedException;

    /** @return whether this end may receive: open, and not the sending end of a one-way pipe */
    boolean isReadable();

    /** @return whether this end may send: open, and not the receiving end of a one-way pipe */
    boolean isWritable();

    /** @return whether this copy was closed */
    boolean isClosed();

    /** Closes this copy of the end. Idempotent. Threads blocked in it get {@link IllegalStateException}. */
    @Override
    void close();
}
