package dev.mp4j;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * A pool of worker processes: Python's {@code multiprocessing.Pool}. Made by {@link Context#pool(int)} or
 * {@link Context#pool(PoolOptions)}; the workers are daemon child JVMs named {@code PoolWorker-N}, started
 * together, and the constructor returns once every one has run its initializer. A worker that fails to start
 * fails the constructor, and no worker is left behind.
 *
 * <p><b>Start.</b> Workers are taken from the context's warm spare JVMs where there are some (see
 * {@link Process}, "Fast start"), so that a pool is ready in milliseconds rather than after a JVM boot per worker;
 * the rest start cold, and replacements for the spares taken boot in the background. The context grows its spares
 * toward the size of the pools it has recently made (up to the number of CPUs). {@code -Dmp4j.spares=0} turns
 * spares off.
 *
 * <p><b>Tasks</b> are serializable lambdas ({@link SerializableCallable}, {@link SerializableFunction}): they
 * run in a worker, and their results come back by value. An argument or result that cannot be serialized
 * fails that task only. {@code map}-style methods split their input into chunks of {@code chunksize} items,
 * one message each; the default is Python's, {@code ceil(n / (4 × processes))}.
 *
 * <p><b>Failures.</b> {@link #apply} and {@link #map} throw {@link RemoteException} whose cause is the task's
 * own exception (original type, message and the worker's stack trace); when that exception cannot be
 * deserialized here, the {@code RemoteException} alone carries the remote stack trace as text. A worker that
 * dies during a task (killed, {@code Runtime.halt}, out of memory) fails that task within about a second
 * (the cause is a {@link WorkerLostException}), and is replaced; the pool goes on. {@code map} fails
 * with the first failure (in input order) once every chunk has ended.
 *
 * <p><b>Callbacks</b> run in this JVM on the pool's result thread, in completion order; keep them short. A
 * callback that throws is logged (at {@code WARNING}, through {@link System.Logger}) and delivery goes on.
 *
 * <p><b>Lifecycle.</b> {@link #shutdown()} refuses new work and lets the workers finish what was submitted;
 * {@link #terminate()} stops the workers at once and cancels unfinished results; {@link #join()} waits for
 * the workers to end after either; {@link #close()} is shutdown then join. Work submitted after shutdown
 * throws {@link IllegalStateException}. A pool is safe for use by several threads; it is not
 * {@link java.io.Serializable}.
 *
 * <p>Memory consistency effects: actions in a process prior to handing work to the pool ({@link #apply},
 * {@link #applyAsync}, {@link #map}, {@link #mapAsync}, {@link #imap}, {@link #imapUnordered}, or a
 * {@code submit} to the {@linkplain #asExecutorService() executor}) happen-before the task runs in a worker,
 * as far as they reach it: the task and its items are copies, encoded before the method returns (for
 * {@code imap}, each chunk when the iterator reads it), so later changes to the originals do not reach the
 * worker.
 *
 * <p>Actions taken by the task in its worker happen-before its callback runs and its result is retrieved
 * ({@link AsyncResult#get()}, the return of {@code apply} or {@code map}, the iterator's {@code next()}), as
 * far as they reach this process: the result, which comes back by value, and shared memory. A task whose
 * worker died ({@link WorkerLostException}) gives no such guarantee.
 */
public interface Pool extends AutoCloseable {
    /**
     * Runs {@code task} in a worker and waits for its result; Python's {@code apply}.
     *
     * @throws RemoteException       if the task failed (the cause is its exception, or a
     *                               {@link WorkerLostException} if its worker died)
     * @throws IllegalStateException if the pool is shut down
     * @throws InterruptedException  if interrupted while waiting (the task runs on)
     */
    <T> T apply(SerializableCallable<T> task) throws InterruptedException;

    /**
     * Hands {@code task} to a worker; Python's {@code apply_async}.
     *
     * @throws IllegalStateException if the pool is shut down
     */
    <T> AsyncResult<T> applyAsync(SerializableCallable<T> task);

    /**
     * As {@link #applyAsync(SerializableCallable)}, then calls {@code callback} with the result or
     * {@code errorCallback} with the failure (the same {@code Throwable} that {@code get()} gives as cause), on
     * the pool's result thread, before the result becomes ready. Either may be null. A callback must not wait
     * for the pool ({@code apply}, {@code map}, {@code join}, {@code close} throw
     * {@link IllegalStateException} there, and {@code get()} of another result would wait forever).
     */
    <T> AsyncResult<T> applyAsync(SerializableCallable<T> task, Consumer<? super T> callback,
            Consumer<? super Throwable> errorCallback);

    /**
     * Applies {@code fn} to every item in the workers and returns the results in input order; Python's
     * {@code map}. The items are read into a list first.
     *
     * @throws RemoteException       with the first failure, once every chunk has ended
     * @throws IllegalStateException if the pool is shut down
     * @throws InterruptedException  if interrupted while waiting
     */
    <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items) throws InterruptedException;

    /**
     * As {@link #map(SerializableFunction, Iterable)} with chunks of {@code chunksize} items.
     *
     * @throws IllegalArgumentException if {@code chunksize < 1}
     */
    <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items, int chunksize)
            throws InterruptedException;

    /** As {@link #map(SerializableFunction, Iterable)}, without waiting; Python's {@code map_async}. */
    <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items);

    /**
     * As {@link #mapAsync(SerializableFunction, Iterable)} with chunks of {@code chunksize} items.
     *
     * @throws IllegalArgumentException if {@code chunksize < 1}
     */
    <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items,
            int chunksize);

    /**
     * Applies {@code fn} lazily, in input order, one item per chunk; Python's {@code imap}. See
     * {@link #imap(SerializableFunction, Iterable, int)}.
     */
    <T, R> Iterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items);

    /**
     * Applies {@code fn} lazily, in completion order, one item per chunk; Python's {@code imap_unordered}.
     * See {@link #imap(SerializableFunction, Iterable, int)}.
     */
    <T, R> Iterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items);

    /**
     * Applies {@code fn} lazily, in input order. The input is read in the thread that calls the iterator's
     * {@code hasNext}/{@code next}, a chunk at a time, while fewer than eight chunks per worker are unread
     * by the caller: an endless or huge input runs in bounded memory, and the workers stay busy as long as
     * the caller keeps reading. {@code next()} throws {@link RemoteException} for a failed item (the
     * iterator goes on after it), and an exception thrown by the input's iterator as itself, at its place in
     * the order; the pool stays usable either way. After {@link #shutdown()} the iterator reads no more input:
     * it delivers the chunks already handed out, then {@code next()} throws {@link IllegalStateException}.
     *
     * @throws IllegalArgumentException if {@code chunksize < 1}
     * @throws IllegalStateException    if the pool is shut down
     */
    <T, R> Iterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items, int chunksize);

    /**
     * As {@link #imap(SerializableFunction, Iterable, int)}, but results come in the order they complete.
     *
     * @throws IllegalArgumentException if {@code chunksize < 1}
     */
    <T, R> Iterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items,
            int chunksize);

    /** Refuses new work; the workers end once the work already submitted is done. Python's {@code close()}. */
    void shutdown();

    /** Stops the workers now (SIGTERM, then SIGKILL) and cancels unfinished results. Returns promptly. */
    void terminate();

    /**
     * Waits until every worker has ended.
     *
     * @throws IllegalStateException if neither {@link #shutdown()} nor {@link #terminate()} was called
     * @throws InterruptedException  if interrupted while waiting
     */
    void join() throws InterruptedException;

    /**
     * This pool as an {@link ExecutorService}: {@code submit}, {@code invokeAll} and {@code invokeAny} run
     * serializable {@link java.util.concurrent.Callable}s and {@link Runnable}s in the workers (a task that
     * is not {@link java.io.Serializable} → {@link IllegalArgumentException}); {@code shutdown} is
     * {@link #shutdown()}, {@code shutdownNow} is {@link #terminate()}.
     *
     * <p>{@code CompletableFuture.supplyAsync(supplier, pool.asExecutorService())} cannot work, nor can
     * {@code runAsync}: they hand the executor a task of their own, which holds the future and cannot be sent to
     * another process, and fail with {@link IllegalArgumentException}. For a {@code CompletableFuture} of a task
     * that runs in a worker, use {@code applyAsync(task).toCompletableFuture()}.
     */
    ExecutorService asExecutorService();

    /** {@link #shutdown()} then {@link #join()}, as {@code ExecutorService.close()}; waits uninterruptibly. */
    @Override
    void close();
}
