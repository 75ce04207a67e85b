package dev.mp4j.spi;

/**
 * One copy of one end of a pipe a transport keeps itself ({@link NativeQueues}), held by this process. A pipe has
 * two ends, 0 (left) and 1 (right); each end may have several copies in several processes. Messages sent from
 * one end are received at the other, in the order each sender sent them, each by exactly one copy.
 *
 * <p><b>End of stream.</b> The transport counts the open copies of each end across processes: copies in a process,
 * copies that departed and are not yet attached ({@link #depart()}), and none of a process that died. Once the other
 * end has no open copy and nothing is left to receive, this end has ended ({@link #isEnded()}).
 *
 * <p><b>What the runtime never does</b>: call {@code send} on the receiving end of a one-way pipe, or any method
 * but {@link #release} on a copy it closed.
 *
 * <p><b>Blocking</b>, <b>interrupts</b> and <b>memory consistency</b> are as in {@link NativeQueue}: actions before a
 * {@link #send} happen-before actions after the {@link #receive} that returns the message.
 *
 * <p>Thread-safe: any thread of the process may use the copy.
 */
public interface NativePipe extends AutoCloseable {
    /** @return the name any process of the tree attaches copies by ({@link NativeQueues#attachPipe}) */
    String name();

    /** @return 0 for the left end, 1 for the right */
    int end();

    /** @return whether messages go both ways; a one-way pipe sends from the right end to the left only */
    boolean duplex();

    /**
     * Sends a message to the other end; never waits, so that a transport's own threads may send: the runtime calls
     * {@link #awaitWritable} first where a sender may wait.
     *
     * @param message the encoded message; the pipe takes it over, the caller must not change it afterwards
     * @return false, sending nothing, if the other end has no open copy left
     */
    boolean send(byte[] message);

    /**
     * Waits while the other end holds the {@link HighWaterMark} in unread bytes, or more: the backpressure of a
     * pipe, as a write to a full OS pipe waits in Python. Returns at once when the other end holds less, when it
     * has no open copy left (a {@link #send} then says so), or when this copy was closed. Several senders may
     * pass at once: the mark is then exceeded by at most one message each.
     *
     * <p>The default never waits: the transport's pipes then hold any number of unread messages, and its users'
     * memory is bounded only by what they send. Implement it.
     *
     * @param timeoutNanos negative to wait as long as it takes
     * @return true if a message may be sent now, false if the timeout came first
     * @throws InterruptedException if interrupted while waiting
     */
    default boolean awaitWritable(long timeoutNanos) throws InterruptedException {
        return true;
    }

    /**
     * Receives the next message, if it is at most {@code maxLength} bytes long.
     *
     * @return the message; or null when none arrived within the timeout, when the next one is longer than
     *         {@code maxLength} (it stays unread: see {@link #headLength()}), when this end has ended (see
     *         {@link #isEnded()}), or when this copy was closed meanwhile — in the last three cases at once
     */
    byte[] receive(long timeoutNanos, int maxLength) throws InterruptedException;

    /**
     * Waits until {@link #receive} would not wait: a message is there, or this end has ended, or this copy was
     * closed. Consumes nothing: another thread or process may take the message first.
     *
     * @return true if so, false if the timeout came first
     */
    boolean awaitReadable(long timeoutNanos) throws InterruptedException;

    /** @return the length of the next message to receive, or -1 if there is none now */
    int headLength();

    /** @return whether the other end has no open copy left and nothing is left to receive */
    boolean isEnded();

    /**
     * Takes a ticket for a new copy of this end that is about to leave this process inside a message. The copy
     * counts as open from now on, until another process attaches it ({@link NativeQueues#attachPipe}), this process
     * releases the ticket, or this process dies (a copy in flight dies with its sender, as in Python).
     */
    long depart();

    /**
     * Gives back a ticket whose copy will never be attached (its receiver ended first). Idempotent, and allowed after
     * this copy was closed: the ticket belongs to the pipe, not to the copy.
     */
    void release(long ticket);

    /** Closes this copy; threads blocked in it return as if it had ended. Idempotent. */
    @Override
    void close();
}
