package dev.mp4j.core.pool;

import dev.mp4j.Pool;

/** What the views over a pool — its {@code ExecutorService}, the iterators of {@code imap} — need beyond {@link Pool}. */
interface PoolControl extends Pool {
    /** @return whether the pool still takes work; an {@code imap} checks it before it reads more input */
    boolean accepting();

    /**
     * Hands one job to the scheduler.
     *
     * @throws IllegalStateException if the pool is shut down or terminated
     */
    void submit(PoolJob job);

    /** @return whether {@link #shutdown()} or {@link #terminate()} was called */
    boolean isShutdown();

    /** @return whether every job and worker has ended after a shutdown or terminate */
    boolean isTerminated();

    /** @return whether the pool ended within the time, as {@link java.util.concurrent.ExecutorService#awaitTermination} */
    boolean awaitTermination(long nanos) throws InterruptedException;
}
