/**
 * Process pools: {@link dev.mp4j.core.pool.PoolImpl} over worker processes that a {@link dev.mp4j.core.pool.PoolHost}
 * (the context) starts, the protocol between the pool and its workers, and the {@code ExecutorService} on top. Uses
 * {@code pipe}, {@code queue} and {@code codec}, and processes only through the public API.
 */
package dev.mp4j.core.pool;
