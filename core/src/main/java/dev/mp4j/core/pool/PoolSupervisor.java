package dev.mp4j.core.pool;

import dev.mp4j.Connection;
import dev.mp4j.MpException;
import dev.mp4j.Pool;
import dev.mp4j.PoolOptions;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.WorkerLostException;
import dev.mp4j.core.pipe.PipeTokens;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.mp4j.core.pool.PoolState.Lifecycle.RUNNING;
import static dev.mp4j.core.pool.PoolState.Lifecycle.SHUTDOWN;
import static dev.mp4j.core.pool.PoolState.Lifecycle.STARTING;
import static dev.mp4j.core.pool.PoolState.Lifecycle.TERMINATED;

/**
 * The pool's workers, one per slot: starts them and waits until they are ready, checks that they live, fails
 * the job a dead one was running and hands its others back to the scheduler, replaces workers that died or
 * retired after {@code maxTasksPerChild} tasks, stops them once a shut down pool is idle, and kills those that
 * outlive {@code terminate}. The checks run on the result thread, the start in the thread that makes the pool.
 */
final class PoolSupervisor {
    private static final System.Logger LOG = System.getLogger(Pool.class.getName());
    private static final AtomicInteger WORKER_NUMBERS = new AtomicInteger();
    static final int CHECK_MILLIS = 100;
    /** Outcomes a worker sent just before it died may still be on their way; wait this long for them. */
    private static final long DEATH_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(150);
    private static final long KILL_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long START_TIMEOUT_SECONDS = Long.getLong("mp4j.pool.startTimeoutSeconds", 120);
    private static final int INIT_FAILURES_BEFORE_GIVING_UP = 3;

    private final PoolState state;
    private final PoolSlot[] slots;
    private final PoolScheduler scheduler;
    private final PoolHost host;
    private final PoolOptions options;
    private final Queue<Object> outcomes;
    private final Runnable terminatePool;
    // guarded by the lock
    private Throwable startFailure;
    private int ready;
    private int initFailuresInARow;
    private long terminatedAt;

    PoolSupervisor(PoolState state, PoolScheduler scheduler, PoolHost host, PoolOptions options,
            Queue<Object> outcomes, Runnable terminatePool) {
        this.state = state;
        this.slots = state.slots;
        this.scheduler = scheduler;
        this.host = host;
        this.options = options;
        this.outcomes = outcomes;
        this.terminatePool = terminatePool;
    }

    /** Starts the first workers under the lock: the pool is not out yet, so nothing else waits for it. */
    void startWorkers() {
        synchronized (state.lock) {
            for (PoolSlot s : slots) {
                long worker = WORKER_NUMBERS.incrementAndGet();
                install(s, spawn(s, worker), worker);
            }
        }
    }

    /** Waits until every first worker is ready, and then lets the pool run. */
    void awaitStarted() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        synchronized (state.lock) {
            boolean interrupted = false;
            while (startFailure == null && ready < slots.length && state.lifecycle != TERMINATED) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    startFailure = new MpException("the pool's workers were not ready within " + START_TIMEOUT_SECONDS
                            + " s (mp4j.pool.startTimeoutSeconds)");
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(state.lock, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                    startFailure = new MpException("interrupted while the pool's workers started", e);
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (startFailure == null && state.lifecycle == TERMINATED) {
                startFailure = new MpException("the pool was terminated while its workers started");
            }
            if (startFailure == null) {
                state.lifecycle = RUNNING;
                return;
            }
        }
        Throwable cause = startFailure;
        throw cause instanceof MpException mp ? mp : new MpException("cannot start the pool: " + cause, cause);
    }

    /** After a failed start, once terminated: the workers must not outlive the constructor that throws. */
    void killWorkers() {
        for (PoolSlot s : slots) {
            Process p = s.process;
            if (p != null) {
                p.kill();
                try {
                    p.join(Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Starts a worker for a slot. Not under the lock, save for the pool's first workers: starting a JVM forks,
     * writes its bootstrap and flushes this process's queues, which may take a while.
     */
    private Process spawn(PoolSlot slot, long worker) {
        PoolWorker task = new PoolWorker(outcomes, state.claims, slot.index, worker, options.initializer(),
                options.maxTasksPerChild());
        Process p = host.process(task).name("PoolWorker-" + worker).daemon(true);
        p.start();
        return p;
    }

    /** Under the lock. */
    private void install(PoolSlot slot, Process p, long worker) {
        slot.process = p;
        slot.pid = p.pid();
        slot.worker = worker;
        slot.jobs = null;
        slot.stopping = false;
        slot.starting = false;
        slot.diedAt = 0;
        slot.freeAllCells();
        slot.tasksLeft = options.maxTasksPerChild() > 0 ? options.maxTasksPerChild() : Integer.MAX_VALUE;
    }

    /** Under the lock: lets go of this process's copy of a gone worker's job pipe, so that its storage can be freed. */
    private static void closeJobs(PoolSlot s) {
        Connection jobs = s.jobs;
        s.jobs = null;
        if (jobs != null) {
            try {
                jobs.close();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "cannot close the job pipe of " + s.describe(), e);
            }
        }
    }

    /** Once every worker has ended: lets go of their job pipes. */
    void closeAllJobs() {
        synchronized (state.lock) {
            for (PoolSlot s : slots) {
                closeJobs(s);
            }
        }
    }

    /** The pool's outcome queue failed; if the pool is still starting, that is why it cannot start. */
    void outcomesFailed(RuntimeException cause) {
        synchronized (state.lock) {
            if (state.lifecycle == STARTING && startFailure == null) {
                startFailure = new MpException("the pool's outcome queue failed while its workers started: " + cause, cause);
                state.lock.notifyAll();
            }
        }
    }

    void ready(PoolMessage.Ready r) {
        synchronized (state.lock) {
            PoolSlot s = slots[r.slot()];
            if (s.worker != r.worker()) {
                return;
            }
            s.jobs = r.jobs();
            initFailuresInARow = 0;
            if (state.lifecycle == STARTING) {
                ready++;
                state.lock.notifyAll();
            }
            scheduler.pump();
            stopIdleWorkersIfShutDown();
        }
    }

    /** The worker ran its maxTasksPerChild tasks and ends: it gets no more jobs, and is replaced once gone. */
    void retiring(int slotIndex, long worker) {
        synchronized (state.lock) {
            PoolSlot s = slots[slotIndex];
            if (s.worker == worker) {
                s.stopping = true;
                LOG.log(Level.DEBUG, () -> s.describe() + " ran its maxTasksPerChild tasks and retires");
            }
        }
    }

    void initializerFailed(int slotIndex, PoolMessage.RemoteFailure rf) {
        synchronized (state.lock) {
            String worker = slots[slotIndex].describe();
            Throwable t = rf.toThrowable(worker);
            if (state.lifecycle == STARTING) {
                if (startFailure == null) {
                    startFailure = new MpException("the pool's initializer failed in " + worker + ": " + t, t);
                    state.lock.notifyAll();
                }
                return;
            }
            LOG.log(Level.WARNING, "the pool's initializer failed in " + worker + "; starting another worker", t);
            if (++initFailuresInARow >= INIT_FAILURES_BEFORE_GIVING_UP * slots.length) {
                LOG.log(Level.ERROR, "the pool's initializer failed " + initFailuresInARow
                        + " times in a row; terminating the pool");
                new Thread(terminatePool, "mp4j-pool-terminate").start();
            }
        }
    }

    /** Under the lock: once shut down and idle, tells every worker to stop. */
    void stopIdleWorkersIfShutDown() {
        if (state.lifecycle != SHUTDOWN || !scheduler.idle()) {
            return;
        }
        for (PoolSlot s : slots) {
            if (s.jobs != null && !s.stopping) {
                s.stopping = true;
                try {
                    PipeTokens.sendWithoutWaiting(s.jobs, PoolMessage.STOP_FRAME);
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, "cannot tell " + s.describe() + " to stop; it is gone already", e);
                }
            }
        }
    }

    /**
     * Replaces workers that ended, and fails the jobs of those that died holding some. The caller takes every
     * outcome already queued first, so that a job a worker finished before it died does not count as lost.
     */
    void checkWorkers() {
        List<PoolJob> lost = new ArrayList<>();
        List<String> lostFrom = new ArrayList<>();
        List<PoolSlot> replace = new ArrayList<>();
        synchronized (state.lock) {
            long now = System.nanoTime();
            for (PoolSlot s : slots) {
                Process p = s.process;
                if (p == null) {
                    continue;
                }
                if (p.isAlive()) {
                    if (state.lifecycle == TERMINATED && now - terminatedAt > KILL_AFTER_NANOS) {
                        p.kill();
                    }
                    continue;
                }
                if (s.diedAt == 0) {
                    s.diedAt = now;
                    continue;
                }
                if (now - s.diedAt < DEATH_GRACE_NANOS) {
                    continue;
                }
                String exit = p.exitCode().isPresent() ? "exit code " + p.exitCode().getAsInt() : "gone";
                for (PoolJob job : scheduler.reclaim(s)) {
                    lost.add(job);
                    lostFrom.add(s.describe() + " died while running this task (" + exit + ")");
                }
                if (state.lifecycle == STARTING) {
                    if (startFailure == null) {
                        startFailure = new MpException(s.describe() + " ended before it was ready (" + exit
                                + "); see its output above");
                        state.lock.notifyAll();
                    }
                    continue;
                }
                s.process = null;
                closeJobs(s);
                if (state.lifecycle == RUNNING || state.lifecycle == SHUTDOWN && !scheduler.idle()) {
                    s.starting = true;
                    replace.add(s);
                }
            }
        }
        for (int i = 0; i < lost.size(); i++) {
            lost.get(i).sink.failed(new WorkerLostException(lostFrom.get(i)));
        }
        for (PoolSlot s : replace) {
            try {
                LOG.log(Level.DEBUG, () -> "starting a worker in place of one that ended, in slot " + s.index);
                long worker = WORKER_NUMBERS.incrementAndGet();
                Process p = spawn(s, worker);
                synchronized (state.lock) {
                    install(s, p, worker);
                    if (state.lifecycle == TERMINATED) {
                        p.terminate();
                    }
                }
            } catch (RuntimeException e) {
                synchronized (state.lock) {
                    s.starting = false;
                }
                LOG.log(Level.ERROR, "cannot start a replacement pool worker", e);
            }
        }
        synchronized (state.lock) {
            scheduler.pump();
            stopIdleWorkersIfShutDown();
        }
    }

    /** Under the lock, as the pool terminates: from now on, a worker that lingers gets killed. */
    List<Process> terminated() {
        terminatedAt = System.nanoTime();
        List<Process> workers = new ArrayList<>();
        for (PoolSlot s : slots) {
            if (s.process != null) {
                workers.add(s.process);
            }
        }
        return workers;
    }

    /** Under the lock: no worker lives, and none is being started. */
    boolean workersEnded() {
        for (PoolSlot s : slots) {
            if (s.starting || s.process != null && s.process.isAlive()) {
                return false;
            }
        }
        return true;
    }

    void joinWorkers() throws InterruptedException {
        for (PoolSlot s : slots) {
            Process p = s.process;
            if (p != null) {
                p.join();
            }
        }
    }
}
