package dev.mp4j.core.pool;

/**
 * What the parts of one pool share: one lock, the lifecycle, the worker slots and the claims on the jobs sent ahead.
 *
 * <p>The lock guards everything that changes in a pool: the lifecycle, the slots, the scheduler's jobs and the
 * supervisor's bookkeeping. Callers hold it to submit, which writes jobs to the pipes of workers with room; the
 * result thread holds it to account for an outcome or check the workers; the start waits on it. Nothing slow and
 * no user code runs under it: replacement workers start outside it, since starting a JVM forks, writes its
 * bootstrap and flushes this process's queues; results are decoded, and sinks and callbacks run, outside it, so
 * that neither a large result nor a slow callback holds up the callers. Only the pool's first workers start
 * under it, while nothing else waits for it.
 */
final class PoolState {
    enum Lifecycle { STARTING, RUNNING, SHUTDOWN, TERMINATED }

    final Object lock = new Object();
    final PoolSlot[] slots;
    final PoolClaims claims;
    /** RUNNING once the supervisor saw every first worker ready; SHUTDOWN and TERMINATED by the pool's methods. */
    Lifecycle lifecycle = Lifecycle.STARTING;

    PoolState(int processes, PoolClaims claims) {
        this.claims = claims;
        slots = new PoolSlot[processes];
        for (int i = 0; i < processes; i++) {
            slots[i] = new PoolSlot(i);
        }
    }

    /** Under the lock. */
    void checkAccepting() {
        if (lifecycle != Lifecycle.RUNNING) {
            throw new IllegalStateException(lifecycle == Lifecycle.TERMINATED
                    ? "the pool is terminated (by terminate() or close(), or by the close of the context that made it)"
                    : "the pool is shut down: it accepts no new work");
        }
    }
}
