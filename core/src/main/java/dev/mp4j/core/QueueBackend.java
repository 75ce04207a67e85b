package dev.mp4j.core;

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

    QueueHandle handle();
}
