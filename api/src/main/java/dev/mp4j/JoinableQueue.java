package dev.mp4j;

/**
 * A {@link Queue} that counts unfinished items: Python's {@code multiprocessing.JoinableQueue}. Every put
 * adds one unfinished item; every {@link #taskDone()} removes one; {@link #join()} waits for none.
 *
 * @param <E> the element type
 */
public interface JoinableQueue<E> extends Queue<E> {
    /**
     * Marks one item as processed.
     *
     * @throws IllegalStateException if called more times than items were put (the count stays at zero)
     */
    void taskDone();

    /**
     * Waits until every item put so far has been marked done.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void join() throws InterruptedException;
}
