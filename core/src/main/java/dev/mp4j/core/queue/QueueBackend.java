package dev.mp4j.core.queue;

import dev.mp4j.core.link.Node;
import dev.mp4j.runtime.Token;

/** Where a queue's items are: in this process ({@link QueueState}) or in its owner ({@link RemoteQueue}). */
interface QueueBackend {
    /**
     * @param timeoutNanos negative to wait for room as long as it takes, 0 not to wait
     * @return whether the item went in
     */
    boolean put(byte[] item, long timeoutNanos) throws InterruptedException;

    /**
     * @param timeoutNanos negative to wait as long as it takes, 0 not to wait
     * @return the next item, or null if none came in time
     */
    byte[] take(long timeoutNanos) throws InterruptedException;

    int size();

    int maxsize();

    /** @throws IllegalStateException if nothing is unfinished */
    void taskDone();

    void join() throws InterruptedException;

    /** Waits until every put this process made so far is in the queue. */
    void flush();

    /**
     * This process will not use the queue again through any object: a queue this process serves stops being
     * served, a handle on a native queue closes. For queues the runtime makes for itself (a pool's outcomes).
     */
    void release();

    /** @return the serialized form of the queue */
    Token token();

    /** @return the node of the context this queue was made or attached through */
    Node node();

    /** A user's handle (a {@code Queue} object) over this backend was made in this process. */
    default void handleOpened() {
    }

    /** That handle was collected, so nothing in this process reaches the queue through it. Must not block. */
    default void handleGone() {
    }

    /** @return the longest item, encoded, that {@link #put} may take: what the transport carries to the holder */
    default int maxItemBytes() {
        return node().maxItemBytes();
    }
}
