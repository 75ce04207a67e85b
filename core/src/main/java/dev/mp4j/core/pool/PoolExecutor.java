package dev.mp4j.core.pool;

import dev.mp4j.AsyncResult;
import dev.mp4j.SerializableCallable;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link ExecutorService} over a pool: each task is an {@code applyAsync}. Tasks must be
 * {@link Serializable}, since they run in the workers; the futures are the pool's {@link AsyncResult}s.
 */
final class PoolExecutor implements ExecutorService {
    private final PoolControl pool;

    PoolExecutor(PoolControl pool) {
        this.pool = pool;
    }

    private static <T> SerializableCallable<T> serializable(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        if (task instanceof SerializableCallable<T> sc) {
            return sc;
        }
        if (!(task instanceof Serializable)) {
            throw new IllegalArgumentException("a task for a process pool must be Serializable, since it runs in another "
                    + "process; write it as a SerializableCallable, or cast the lambda: (Callable<T> & Serializable) () -> ...");
        }
        return new CallableTask<>(task);
    }

    private static SerializableCallable<Object> serializable(Runnable task, Object result) {
        Objects.requireNonNull(task, "task");
        if (task.getClass().getName().startsWith("java.util.concurrent.CompletableFuture$")) {
            throw new IllegalArgumentException("CompletableFuture's supplyAsync and runAsync cannot run on a process pool:"
                    + " they hand the executor a task of their own, which cannot be sent to another process, instead of"
                    + " yours. Use pool.applyAsync(task).toCompletableFuture(), which runs your serializable task in a"
                    + " worker and completes the future with its result");
        }
        if (!(task instanceof Serializable)) {
            throw new IllegalArgumentException("a task for a process pool must be Serializable, since it runs in another "
                    + "process; cast the lambda: (Runnable & Serializable) () -> ...");
        }
        return new RunnableTask(task, result);
    }

    /** A serializable {@link Callable} that is not a {@link SerializableCallable}. Not a record: see {@link dev.mp4j.runtime.Token}. */
    private static final class CallableTask<T> implements SerializableCallable<T> {
        @Serial
        private static final long serialVersionUID = 2L;
        private final Callable<T> task;

        CallableTask(Callable<T> task) {
            this.task = task;
        }

        @Override
        public T call() throws Exception {
            return task.call();
        }
    }

    /** A serializable {@link Runnable} and the result to give when it ends. Not a record: see {@link dev.mp4j.runtime.Token}. */
    private static final class RunnableTask implements SerializableCallable<Object> {
        @Serial
        private static final long serialVersionUID = 2L;
        private final Runnable task;
        private final Object result;

        RunnableTask(Runnable task, Object result) {
            this.task = task;
            this.result = result;
        }

        @Override
        public Object call() {
            task.run();
            return result;
        }
    }

    /** Hands a task to the pool; a pool that no longer accepts work rejects it, as an executor does. */
    private <T> AsyncResult<T> apply(SerializableCallable<T> task) {
        try {
            return pool.applyAsync(task);
        } catch (IllegalStateException e) {
            throw new RejectedExecutionException(e.getMessage(), e);
        }
    }

    @Override
    public void execute(Runnable command) {
        apply(serializable(command, null));
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return apply(serializable(task));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Future<T> submit(Runnable task, T result) {
        return (Future<T>) apply(serializable(task, result));
    }

    @Override
    public Future<?> submit(Runnable task) {
        return apply(serializable(task, null));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        List<Future<T>> futures = submitAll(tasks);
        try {
            for (Future<T> f : futures) {
                ((AsyncResult<T>) f).await(null);
            }
        } catch (InterruptedException | RuntimeException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        return futures;
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<Future<T>> futures = submitAll(tasks);
        for (Future<T> f : futures) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                ((AsyncResult<T>) f).await(java.time.Duration.ofNanos(left));
            }
        }
        for (Future<T> f : futures) {
            f.cancel(true);
        }
        return futures;
    }

    private <T> List<Future<T>> submitAll(Collection<? extends Callable<T>> tasks) {
        List<SerializableCallable<T>> checked = new ArrayList<>(tasks.size());
        for (Callable<T> t : tasks) {
            checked.add(serializable(t));
        }
        List<Future<T>> futures = new ArrayList<>(checked.size());
        try {
            for (SerializableCallable<T> t : checked) {
                futures.add(apply(t));
            }
        } catch (RuntimeException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        return futures;
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return any(tasks, -1);
        } catch (TimeoutException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return any(tasks, Math.max(0, unit.toNanos(timeout)));
    }

    /** The first successful result; the other tasks are cancelled. */
    private <T> T any(Collection<? extends Callable<T>> tasks, long timeoutNanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        List<SerializableCallable<T>> checked = new ArrayList<>(tasks.size());
        for (Callable<T> t : tasks) {
            checked.add(serializable(t));
        }
        LinkedBlockingQueue<AsyncResult<T>> done = new LinkedBlockingQueue<>();
        List<AsyncResult<T>> futures = new ArrayList<>(checked.size());
        try {
            for (SerializableCallable<T> t : checked) {
                AsyncResult<T> r = apply(t);
                r.toCompletableFuture().whenComplete((v, e) -> done.add(r));
                futures.add(r);
            }
            long deadline = System.nanoTime() + timeoutNanos;
            ExecutionException last = null;
            for (int i = 0; i < futures.size(); i++) {
                AsyncResult<T> r;
                if (timeoutNanos < 0) {
                    r = done.take();
                } else {
                    r = done.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (r == null) {
                        throw new TimeoutException("no task of invokeAny succeeded in time");
                    }
                }
                try {
                    return r.get();
                } catch (ExecutionException e) {
                    last = e;
                } catch (CancellationException e) {
                    last = new ExecutionException(e);
                }
            }
            throw last;
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    /** Terminates the pool; tasks not yet started are cancelled, and none is returned (they ran nowhere). */
    @Override
    public List<Runnable> shutdownNow() {
        pool.terminate();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(unit.toNanos(timeout));
    }
}
