package dev.mp4j;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * The result of work handed to a {@link Pool}: Python's {@code AsyncResult}, and a {@link Future}.
 *
 * <p>{@link #get()} throws {@link java.util.concurrent.ExecutionException} whose cause is the task's own
 * exception (original type, message and the worker's stack trace), a {@link RemoteException} carrying the
 * remote stack trace as text when that exception could not be deserialized here, or a
 * {@link WorkerLostException} when the worker died during the task. After {@link Pool#terminate()},
 * unfinished results are cancelled. {@link #cancel(boolean)} succeeds until the result is ready; a task
 * already running in a worker runs on, and its result is dropped.
 *
 * <p>Memory consistency effects: as with {@link Future}, actions taken by the task in its worker
 * happen-before actions following the retrieval of its outcome with {@link #get()} (the value, or the
 * {@code ExecutionException}), or following a {@link #ready()} that returns true, in the process that
 * submitted the task. Across processes this reaches the result, which is a copy, and shared memory. A
 * cancelled result, or one failed with {@link WorkerLostException}, carries no effect from the task. What
 * submission orders before the task is stated in {@link Pool}.
 *
 * @param <T> the result type
 */
public interface AsyncResult<T> extends Future<T> {
    /** @return whether the result is ready (done, failed or cancelled); Python's {@code ready()} */
    boolean ready();

    /**
     * @return whether the task completed without an exception
     * @throws IllegalStateException if the result is not ready yet (as in Python)
     */
    boolean successful();

    /**
     * Waits until the result is ready or the timeout passes; Python's {@code wait(timeout)}.
     *
     * @param timeout how long to wait; null for no limit
     * @throws InterruptedException if interrupted while waiting
     */
    void await(Duration timeout) throws InterruptedException;

    /** @return a new {@link CompletableFuture} completed when this result is; completing it changes nothing here */
    CompletableFuture<T> toCompletableFuture();
}
