package dev.mp4j.core.pipe;

import dev.mp4j.runtime.Token;

/** One copy of a pipe end, in the owner ({@link LocalEnd}) or elsewhere ({@link RemoteEnd}). */
interface End {
    /** Sends, waiting while the other end holds the high-water mark ({@link dev.mp4j.spi.HighWaterMark}). */
    void send(byte[] payload);

    /**
     * Sends at once, whatever the other end holds: for a sender whose messages are bounded in number otherwise, and
     * which must never wait for its reader (a pool's job sender, which the reader waits for in turn).
     */
    default void sendWithoutWaiting(byte[] payload) {
        send(payload);
    }

    /** @return whether the context the end was made or attached through is closed: it cannot travel then */
    default boolean contextClosed() {
        return false;
    }

    /** @return the longest message, encoded, that {@link #send} may take; {@link Integer#MAX_VALUE} for no limit */
    default int maxMessageBytes() {
        return Integer.MAX_VALUE;
    }

    /** @throws dev.mp4j.MessageTooLongException if the next message is longer than maxLength; it stays unread */
    byte[] receive(int maxLength) throws InterruptedException;

    boolean poll(long timeoutNanos) throws InterruptedException;

    /** @return whether this copy was closed */
    boolean isClosed();

    /** Closes this copy; threads blocked in it wake up and see it closed. */
    void close();

    /** @return the serialized form of a new copy of this end, counted as open until attached */
    Token token();

    /** @return whether listeners are told when a message or end of stream arrives; if not, a waiter must poll */
    default boolean notifies() {
        return true;
    }

    /** Runs {@code r} (on any thread, briefly) whenever a message or end of stream may have become ready. */
    void addListener(Runnable r);

    void removeListener(Runnable r);
}
