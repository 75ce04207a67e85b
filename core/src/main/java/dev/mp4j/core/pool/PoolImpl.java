package dev.mp4j.core.pool;

import dev.mp4j.AsyncResult;
import dev.mp4j.Pool;
import dev.mp4j.PoolOptions;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.SerializableCallable;
import dev.mp4j.SerializableFunction;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

import static dev.mp4j.core.pool.PoolState.Lifecycle.RUNNING;
import static dev.mp4j.core.pool.PoolState.Lifecycle.SHUTDOWN;
import static dev.mp4j.core.pool.PoolState.Lifecycle.STARTING;
import static dev.mp4j.core.pool.PoolState.Lifecycle.TERMINATED;

/**
 * {@link Pool} over child processes: its API and its lifecycle. {@link PoolScheduler} decides which worker
 * runs which job, {@link PoolSupervisor} keeps the workers, and the thread of {@link PoolResults} delivers
 * their outcomes; they share one {@link PoolState}, whose lock guards them all.
 */
public final class PoolImpl implements PoolControl {
    private final PoolState state;
    private final PoolScheduler scheduler;
    private final PoolSupervisor supervisor;
    private final PoolResults results;
    private volatile ExecutorService executor;

    public PoolImpl(PoolHost ctx, PoolOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.initializer() != null) {
            PoolWork.encode(options.initializer(), "the pool's initializer");
        }
        Queue<Object> outcomes = ctx.resultQueue();
        this.state = new PoolState(options.processes(),
                new PoolClaims(ctx.sharedMemory(PoolClaims.bytes(options.processes()))));
        this.scheduler = new PoolScheduler(state);
        this.supervisor = new PoolSupervisor(state, scheduler, ctx, options, outcomes, this::terminate);
        this.results = new PoolResults(state, scheduler, supervisor, outcomes, this::terminate);
        try {
            supervisor.startWorkers();
            results.start();
            supervisor.awaitStarted();
        } catch (RuntimeException | Error e) {
            terminate();
            supervisor.killWorkers();
            results.releaseIfNeverStarted();
            throw e;
        }
    }

    @Override
    public void submit(PoolJob job) {
        synchronized (state.lock) {
            scheduler.submit(job);
        }
    }

    @Override
    public <T> T apply(SerializableCallable<T> task) throws InterruptedException {
        results.checkNotResultThread("apply()");
        try {
            return applyAsync(task).get();
        } catch (ExecutionException e) {
            throw PoolMessage.asRemote(e.getCause());
        }
    }

    @Override
    public <T> AsyncResult<T> applyAsync(SerializableCallable<T> task) {
        return applyAsync(task, null, null);
    }

    @Override
    public <T> AsyncResult<T> applyAsync(SerializableCallable<T> task, Consumer<? super T> callback,
            Consumer<? super Throwable> errorCallback) {
        Objects.requireNonNull(task, "task");
        PoolWork work = PoolWork.of(task, "the task");
        PoolResult<T> result = new PoolResult<>();
        PoolJob job = new PoolJob(PoolWork.nextId(), work, null, PoolResults.sink(result, callback, errorCallback));
        result.onCancel(() -> job.cancelled = true);
        submit(job);
        return result;
    }

    @Override
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items)
            throws InterruptedException {
        return waitForMap(mapAsync(fn, items));
    }

    @Override
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items, int chunksize)
            throws InterruptedException {
        return waitForMap(mapAsync(fn, items, chunksize));
    }

    private <R> List<R> waitForMap(AsyncResult<List<R>> r) throws InterruptedException {
        results.checkNotResultThread("map()");
        try {
            return r.get();
        } catch (ExecutionException e) {
            throw PoolMessage.asRemote(e.getCause());
        }
    }

    @Override
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items) {
        return mapChunks(fn, items, 0);
    }

    @Override
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items,
            int chunksize) {
        return mapChunks(fn, items, checkChunksize(chunksize));
    }

    /** @param chunksize 0 for Python's default */
    private <T, R> AsyncResult<List<R>> mapChunks(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items,
            int chunksize) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        List<T> list = MapCollector.snapshot(items);
        int size = chunksize > 0 ? chunksize : MapCollector.defaultChunksize(list.size(), state.slots.length);
        PoolWork work = PoolWork.of(fn, "the function");
        synchronized (state.lock) {
            state.checkAccepting();
        }
        return MapCollector.submit(work, list, size, this::submit);
    }

    private static int checkChunksize(int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, got " + chunksize);
        }
        return chunksize;
    }

    @Override
    public <T, R> Iterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items) {
        return imap(fn, items, 1);
    }

    @Override
    public <T, R> Iterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items) {
        return imapUnordered(fn, items, 1);
    }

    @Override
    public <T, R> Iterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items, int chunksize) {
        return iterator(fn, items, chunksize, true);
    }

    @Override
    public <T, R> Iterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items,
            int chunksize) {
        return iterator(fn, items, chunksize, false);
    }

    private <T, R> Iterator<R> iterator(SerializableFunction<? super T, ? extends R> fn, Iterable<T> items,
            int chunksize, boolean ordered) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        checkChunksize(chunksize);
        PoolWork work = PoolWork.of(fn, "the function");
        synchronized (state.lock) {
            state.checkAccepting();
        }
        int window = PoolClaims.CELLS_PER_WORKER * state.slots.length;
        return new PoolIterator<>(this, work, items.iterator(), chunksize, ordered, window);
    }

    @Override
    public boolean accepting() {
        synchronized (state.lock) {
            return state.lifecycle == RUNNING;
        }
    }

    @Override
    public void shutdown() {
        synchronized (state.lock) {
            if (state.lifecycle == RUNNING || state.lifecycle == STARTING) {
                state.lifecycle = SHUTDOWN;
            }
            supervisor.stopIdleWorkersIfShutDown();
        }
    }

    @Override
    public void terminate() {
        List<PoolJob> cancelled;
        List<Process> workers;
        synchronized (state.lock) {
            if (state.lifecycle == TERMINATED) {
                return;
            }
            state.lifecycle = TERMINATED;
            cancelled = scheduler.dropAll();
            workers = supervisor.terminated();
            state.lock.notifyAll();
        }
        for (Process p : workers) {
            if (p.isAlive()) {
                p.terminate();
            }
        }
        for (PoolJob job : cancelled) {
            job.sink.failed(new CancellationException("the pool was terminated before the task ended"));
        }
    }

    @Override
    public void join() throws InterruptedException {
        results.checkNotResultThread("join()");
        synchronized (state.lock) {
            if (state.lifecycle == RUNNING || state.lifecycle == STARTING) {
                throw new IllegalStateException("the pool is still running: call shutdown() or terminate() before join()");
            }
        }
        results.awaitEnded();
        supervisor.joinWorkers();
    }

    @Override
    public boolean awaitTermination(long nanos) throws InterruptedException {
        if (!results.awaitEnded(nanos)) {
            return false;
        }
        join();
        return true;
    }

    @Override
    public boolean isShutdown() {
        synchronized (state.lock) {
            return state.lifecycle == SHUTDOWN || state.lifecycle == TERMINATED;
        }
    }

    @Override
    public boolean isTerminated() {
        return results.hasEnded();
    }

    @Override
    public ExecutorService asExecutorService() {
        ExecutorService e = executor;
        if (e == null) {
            synchronized (state.lock) {
                if (executor == null) {
                    executor = new PoolExecutor(this);
                }
                e = executor;
            }
        }
        return e;
    }

    @Override
    public void close() {
        results.checkNotResultThread("close()");
        shutdown();
        boolean interrupted = false;
        for (;;) {
            try {
                join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        synchronized (state.lock) {
            return "Pool[" + state.slots.length + " workers, " + state.lifecycle.name().toLowerCase(Locale.ROOT)
                    + ", " + scheduler + "]";
        }
    }
}
