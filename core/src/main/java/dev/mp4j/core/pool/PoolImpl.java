package dev.mp4j.core.pool;

import dev.mp4j.core.codec.Codec;
import dev.mp4j.AsyncResult;
import dev.mp4j.Pool;
import dev.mp4j.PoolOptions;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.RemoteException;
import dev.mp4j.SerializableCallable;
import dev.mp4j.SerializableFunction;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static dev.mp4j.core.pool.PoolState.Lifecycle.RUNNING;
import static dev.mp4j.core.pool.PoolState.Lifecycle.SHUTDOWN;
import static dev.mp4j.core.pool.PoolState.Lifecycle.STARTING;
import static dev.mp4j.core.pool.PoolState.Lifecycle.TERMINATED;

/**
 * {@link Pool} over child processes. The pool schedules: it keeps the jobs not yet sent, and sends each
 * worker at most {@value PoolScheduler#JOBS_PER_WORKER} at a time over the worker's own pipe, so it always knows which
 * jobs a worker holds; a worker that dies fails exactly those. One daemon thread takes every outcome from
 * the pool's queue, completes results, runs callbacks, and every {@value PoolSupervisor#CHECK_MILLIS} ms checks that the
 * workers live, replacing those that died or retired.
 */
public final class PoolImpl implements Pool {
    private static final System.Logger LOG = System.getLogger(Pool.class.getName());
    private final Queue<Object> outcomes;
    private final PoolState state;
    private final PoolSlot[] slots;
    private final PoolScheduler scheduler;
    private final PoolSupervisor supervisor;
    /** Job and work ids; one sequence for every pool of this JVM, since workers remember work by id. */
    private static final AtomicLong IDS = new AtomicLong();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread resultThread;
    private volatile ExecutorService executor;

    public PoolImpl(PoolHost ctx, PoolOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.initializer() != null) {
            PoolWork.encode(options.initializer(), "the pool's initializer");
        }
        this.outcomes = ctx.resultQueue();
        this.state = new PoolState(options.processes());
        this.slots = state.slots;
        this.scheduler = new PoolScheduler(state);
        this.supervisor = new PoolSupervisor(state, scheduler, ctx, options, outcomes, this::terminate);
        this.resultThread = new Thread(this::deliverOutcomes, "mp4j-pool-results");
        resultThread.setDaemon(true);
        try {
            supervisor.startWorkers();
            resultThread.start();
            supervisor.awaitStarted();
        } catch (RuntimeException | Error e) {
            terminate();
            supervisor.killWorkers();
            throw e;
        }
    }

    // ---- submitting ----

    private void submit(PoolJob job) {
        synchronized (state.lock) {
            scheduler.submit(job);
        }
    }

    static long nextId() {
        return IDS.incrementAndGet();
    }

    @Override
    public <T> T apply(SerializableCallable<T> task) throws InterruptedException {
        checkNotResultThread("apply()");
        try {
            return applyAsync(task).get();
        } catch (ExecutionException e) {
            throw remote(e.getCause());
        }
    }

    static RuntimeException remote(Throwable failure) {
        if (failure instanceof RemoteException r) {
            return r;
        }
        if (failure instanceof CancellationException c) {
            return c;
        }
        return new RemoteException("a task failed in the pool: " + failure, failure);
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
        PoolJob job = new PoolJob(nextId(), work, null, new PoolJob.Sink() {
            @Override
            @SuppressWarnings("unchecked")
            public void done(Object value) {
                if (!result.isCancelled()) {
                    callback(callback, (T) value);
                    result.complete((T) value);
                }
            }

            @Override
            public void failed(Throwable failure) {
                callback(errorCallback, failure);
                result.fail(failure);
            }
        });
        result.onCancel(() -> job.cancelled = true);
        submit(job);
        return result;
    }

    private static <V> void callback(Consumer<? super V> callback, V value) {
        if (callback == null) {
            return;
        }
        try {
            callback.accept(value);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "a pool callback threw; result delivery goes on", e);
        }
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
        checkNotResultThread("map()");
        try {
            return r.get();
        } catch (ExecutionException e) {
            throw remote(e.getCause());
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
        List<T> list = snapshot(items);
        int size = chunksize > 0 ? chunksize : defaultChunksize(list.size());
        PoolWork work = PoolWork.of(fn, "the function");
        synchronized (state.lock) {
            state.checkAccepting();
        }
        MapCollector<R> collector = new MapCollector<>(list.size(), size);
        for (int from = 0; from < list.size(); from += size) {
            int chunk = from / size;
            List<Object> part = new ArrayList<>(list.subList(from, Math.min(list.size(), from + size)));
            byte[] encoded;
            try {
                encoded = Codec.encode(part);
            } catch (IllegalArgumentException e) {
                collector.sink(chunk, from).failed(new IllegalArgumentException(
                        "an item cannot be serialized: " + e.getMessage(), e.getCause()));
                continue;
            }
            PoolJob job = new PoolJob(nextId(), work, encoded, collector.sink(chunk, from));
            collector.track(job);
            submit(job);
        }
        collector.submitted();
        return collector.result();
    }

    /**
     * The items as a list to cut into chunks. A random-access list is read in place (every chunk is encoded
     * before {@code mapAsync} returns, so later changes to it cannot reach the workers); anything else is copied.
     */
    private static <T> List<T> snapshot(Iterable<T> items) {
        if (items instanceof List<T> l && l instanceof java.util.RandomAccess) {
            return l;
        }
        if (items instanceof java.util.Collection<T> c) {
            return new ArrayList<>(c);
        }
        List<T> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }

    int defaultChunksize(int n) {
        int workers4 = 4 * slots.length;
        return Math.max(1, (n + workers4 - 1) / workers4);
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
        return new PoolIterator<>(this, work, items.iterator(), chunksize, ordered, PoolScheduler.JOBS_PER_WORKER * slots.length);
    }

    /** For {@link PoolIterator}: whether the pool still takes work, checked before reading more input. */
    boolean accepting() {
        synchronized (state.lock) {
            return state.lifecycle == RUNNING;
        }
    }

    /** For {@link PoolIterator}: sends one chunk; after shutdown, throws {@link IllegalStateException}. */
    void submitChunk(PoolJob job) {
        submit(job);
    }

    // ---- outcomes ----

    private void deliverOutcomes() {
        long nextCheck = System.nanoTime();
        try {
            for (;;) {
                Object m;
                try {
                    m = outcomes.poll(Duration.ofMillis(PoolSupervisor.CHECK_MILLIS / 2));
                } catch (InterruptedException e) {
                    m = null;
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, "the pool's outcome queue is gone; terminating the pool", e);
                    terminate();
                    m = null;
                }
                if (m != null) {
                    handleSafely(m);
                }
                long now = System.nanoTime();
                if (now - nextCheck >= 0) {
                    nextCheck = now + TimeUnit.MILLISECONDS.toNanos(PoolSupervisor.CHECK_MILLIS);
                    // outcomes a worker sent before it ended count before its end: take every queued one first
                    for (Object queued = pollQuietly(); queued != null; queued = pollQuietly()) {
                        handleSafely(queued);
                    }
                    try {
                        supervisor.checkWorkers();
                    } catch (RuntimeException | Error e) {
                        LOG.log(Level.ERROR, "the pool failed to check its workers; it goes on", e);
                    }
                }
                synchronized (state.lock) {
                    if (allEnded()) {
                        return;
                    }
                }
            }
        } finally {
            ended.countDown();
        }
    }

    private Object pollQuietly() {
        try {
            return outcomes.poll();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The result thread must outlive anything one outcome can throw, or every later result would hang. */
    private void handleSafely(Object m) {
        try {
            handle(m);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "the pool failed to handle an outcome; it goes on", e);
        }
    }

    /** Under the lock. */
    private boolean allEnded() {
        if (state.lifecycle == RUNNING || state.lifecycle == STARTING) {
            return false;
        }
        if (state.lifecycle == SHUTDOWN && !scheduler.idle()) {
            return false;
        }
        return supervisor.workersEnded();
    }

    private void handle(Object m) {
        if (m instanceof PoolMessage.Ready r) {
            supervisor.ready(r);
            return;
        }
        byte[] f = (byte[]) m;
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(f);
        byte kind = bb.get();
        int slotIndex = bb.getInt();
        long id = bb.getLong();
        if (kind == PoolMessage.RETIRING) {
            supervisor.retiring(slotIndex, id);
            return;
        }
        if (kind == PoolMessage.FAILED && id < 0) {
            supervisor.initializerFailed(slotIndex, PoolMessage.RemoteFailure.fromBytes(f, PoolMessage.HEAD));
            return;
        }
        PoolJob job;
        String worker;
        synchronized (state.lock) {
            job = scheduler.ended(id);
            if (job == null) {
                return;
            }
            worker = job.slot.describe();
            scheduler.pump();
        }
        if (kind == PoolMessage.DONE) {
            Object value;
            try {
                value = Codec.decode(Arrays.copyOfRange(f, PoolMessage.HEAD, f.length));
            } catch (RuntimeException | LinkageError e) {
                job.sink.failed(new RemoteException("the result from " + worker + " cannot be decoded here: " + e, e));
                return;
            }
            job.sink.done(value);
        } else {
            job.sink.failed(PoolMessage.RemoteFailure.fromBytes(f, PoolMessage.HEAD).toThrowable(worker));
        }
        synchronized (state.lock) {
            supervisor.stopIdleWorkersIfShutDown();
        }
    }

    // ---- lifecycle ----

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
        List<PoolJob> cancelled = new ArrayList<>();
        List<Process> workers = new ArrayList<>();
        synchronized (state.lock) {
            if (state.lifecycle == TERMINATED) {
                return;
            }
            state.lifecycle = TERMINATED;
            cancelled.addAll(scheduler.dropAll());
            workers.addAll(supervisor.terminated());
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

    /** Callbacks run on the result thread; waiting there for the pool would wait for itself. */
    void checkNotResultThread(String what) {
        if (Thread.currentThread() == resultThread) {
            throw new IllegalStateException(what + " from a pool callback would wait forever: callbacks run on the"
                    + " thread that delivers the pool's results");
        }
    }

    @Override
    public void join() throws InterruptedException {
        checkNotResultThread("join()");
        synchronized (state.lock) {
            if (state.lifecycle == RUNNING || state.lifecycle == STARTING) {
                throw new IllegalStateException("the pool is still running: call shutdown() or terminate() before join()");
            }
        }
        if (resultThread.isAlive() || resultThread.getState() != Thread.State.NEW) {
            ended.await();
        }
        supervisor.joinWorkers();
    }

    boolean awaitTermination(long nanos) throws InterruptedException {
        if (!ended.await(nanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        join();
        return true;
    }

    boolean isShutdown() {
        synchronized (state.lock) {
            return state.lifecycle == SHUTDOWN || state.lifecycle == TERMINATED;
        }
    }

    boolean isTerminated() {
        return ended.getCount() == 0;
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
        checkNotResultThread("close()");
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
            return "Pool[" + slots.length + " workers, " + state.lifecycle.name().toLowerCase(java.util.Locale.ROOT) + ", "
                    + scheduler + "]";
        }
    }
}
