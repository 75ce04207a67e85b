package dev.mp4j.core.pool;

import dev.mp4j.AsyncResult;
import dev.mp4j.shm.Durations;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link AsyncResult} over a {@link CompletableFuture} that only the pool completes. */
final class PoolResult<T> implements AsyncResult<T> {
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private volatile Runnable onCancel;

    void onCancel(Runnable r) {
        onCancel = r;
    }

    boolean complete(T value) {
        return future.complete(value);
    }

    boolean fail(Throwable t) {
        return future.completeExceptionally(t);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = future.cancel(mayInterruptIfRunning);
        Runnable r = onCancel;
        if (cancelled && r != null) {
            r.run();
        }
        return cancelled;
    }

    @Override
    public boolean isCancelled() {
        return future.isCancelled();
    }

    @Override
    public boolean isDone() {
        return future.isDone();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        return future.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(timeout, unit);
    }

    @Override
    public boolean ready() {
        return future.isDone();
    }

    @Override
    public boolean successful() {
        if (!future.isDone()) {
            throw new IllegalStateException("the result is not ready yet; call await() or get() first");
        }
        return !future.isCompletedExceptionally();
    }

    @Override
    public void await(Duration timeout) throws InterruptedException {
        try {
            if (timeout == null) {
                future.get();
            } else {
                future.get(Math.max(0, Durations.toNanos(timeout)), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | CancellationException | TimeoutException e) {
            // ready, or not in time: either way the wait is over
        }
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        return future.copy();
    }

    @Override
    public String toString() {
        return "AsyncResult[" + (future.isDone() ? successfulText() : "pending") + "]";
    }

    private String successfulText() {
        return future.isCancelled() ? "cancelled" : future.isCompletedExceptionally() ? "failed" : "ready";
    }
}
