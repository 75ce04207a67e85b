package dev.mp4j.core.pool;

/**
 * One job of a pool: a task or a chunk of a {@code map}, its encoded work and items, where its outcome goes,
 * and which worker runs it. Guarded by the pool's lock, except {@link #cancelled}.
 */
final class PoolJob {
    /** Where a job's outcome goes; called on the pool's result thread, or in the caller for a job that never left. */
    interface Sink {
        void done(Object value);

        void failed(Throwable failure);
    }

    final long id;
    final PoolWork work;
    final byte[] items;
    final Sink sink;
    volatile boolean cancelled;
    PoolSlot slot;
    /** Its cell in {@link PoolClaims} while a worker holds it. */
    int cell;

    PoolJob(long id, PoolWork work, byte[] items, Sink sink) {
        this.id = id;
        this.work = work;
        this.items = items;
        this.sink = sink;
    }
}
