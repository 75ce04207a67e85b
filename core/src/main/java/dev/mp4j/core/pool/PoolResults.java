package dev.mp4j.core.pool;

import dev.mp4j.Pool;
import dev.mp4j.Queue;
import dev.mp4j.RemoteException;
import dev.mp4j.core.codec.Codec;
import dev.mp4j.core.queue.QueueTokens;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static dev.mp4j.core.pool.PoolState.Lifecycle.RUNNING;
import static dev.mp4j.core.pool.PoolState.Lifecycle.SHUTDOWN;
import static dev.mp4j.core.pool.PoolState.Lifecycle.STARTING;

/**
 * The pool's result thread: one daemon thread takes every outcome from the pool's queue, completes results,
 * runs callbacks, and every {@value PoolSupervisor#CHECK_MILLIS} ms has the supervisor check the workers. It
 * ends once the pool is shut down or terminated, its work is done and no worker is left.
 */
final class PoolResults {
    private static final System.Logger LOG = System.getLogger(Pool.class.getName());

    private final PoolState state;
    private final PoolScheduler scheduler;
    private final PoolSupervisor supervisor;
    private final Queue<Object> outcomes;
    private final Runnable terminatePool;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread thread;

    PoolResults(PoolState state, PoolScheduler scheduler, PoolSupervisor supervisor, Queue<Object> outcomes,
            Runnable terminatePool) {
        this.state = state;
        this.scheduler = scheduler;
        this.supervisor = supervisor;
        this.outcomes = outcomes;
        this.terminatePool = terminatePool;
        this.thread = new Thread(this::deliverOutcomes, "mp4j-pool-results");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Where an {@code applyAsync}'s outcome goes: its callback, then its result. A callback that throws is
     * logged, and its result still completes; a cancelled task gets no callback.
     */
    static <T> PoolJob.Sink sink(PoolResult<T> result, Consumer<? super T> callback,
            Consumer<? super Throwable> errorCallback) {
        return new PoolJob.Sink() {
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
        };
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

    /** Callbacks run on the result thread; waiting there for the pool would wait for itself. */
    void checkNotResultThread(String what) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException(what + " from a pool callback would wait forever: callbacks run on the"
                    + " thread that delivers the pool's results");
        }
    }

    /** Waits until the result thread ended, unless it never started. */
    void awaitEnded() throws InterruptedException {
        if (thread.isAlive() || thread.getState() != Thread.State.NEW) {
            ended.await();
        }
    }

    boolean awaitEnded(long nanos) throws InterruptedException {
        return ended.await(nanos, TimeUnit.NANOSECONDS);
    }

    boolean hasEnded() {
        return ended.getCount() == 0;
    }

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
                    supervisor.outcomesFailed(e);
                    terminatePool.run();
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
            release();
            ended.countDown();
        }
    }

    /** After a failed start in which this thread never ran: lets go of what it would have let go of at its end. */
    void releaseIfNeverStarted() {
        if (thread.getState() == Thread.State.NEW) {
            release();
        }
    }

    private void release() {
        supervisor.closeAllJobs();
        QueueTokens.release(outcomes);
        state.claims.release();
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
        ByteBuffer bb = ByteBuffer.wrap(f);
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
        // Whatever reading the outcome throws, an Error too (out of memory for a large result), fails this job: its
        // caller must hear of it rather than wait forever, and the pool goes on.
        if (kind == PoolMessage.DONE) {
            Object value = null;
            Throwable unreadable = null;
            try {
                value = Codec.decode(Arrays.copyOfRange(f, PoolMessage.HEAD, f.length));
            } catch (Throwable e) {
                unreadable = e;
            }
            if (unreadable == null) {
                job.sink.done(value);
            } else {
                job.sink.failed(new RemoteException("the result from " + worker + " cannot be decoded here: "
                        + unreadable, unreadable));
            }
        } else {
            Throwable failure;
            try {
                failure = PoolMessage.RemoteFailure.fromBytes(f, PoolMessage.HEAD).toThrowable(worker);
            } catch (Throwable e) {
                failure = new RemoteException("the failure from " + worker + " cannot be decoded here: " + e, e);
            }
            job.sink.failed(failure);
        }
        synchronized (state.lock) {
            supervisor.stopIdleWorkersIfShutDown();
        }
    }
}
