package dev.mp4j;

/**
 * A {@link Queue} that counts unfinished items: Python's {@code multiprocessing.JoinableQueue}. Every put
 * adds one unfinished item; every {@link #taskDone()} removes one; {@link #join()} waits for none.
 *
 * <p>A consumer that dies before calling {@code taskDone()} for an item leaves that item unfinished, as in
 * Python: {@code join()} then waits until another call marks it done. If the process that created the queue
 * ends, a waiting {@code join()} fails with {@link MpException}.
 *
 * <p>Memory consistency effects: those of {@link Queue} for its elements; in addition, actions in a process
 * prior to calling {@code taskDone()} happen-before actions following the return of a corresponding
 * {@code join()} (one that returns once that item is done), in this or any other process. {@code join()}
 * carries no data: across processes the effect reaches shared memory.
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
