package dev.mp4j.core.pool;

import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.SharedMemory;
import dev.mp4j.Task;

/** What a pool needs from the context that makes it. */
public interface PoolHost {
    /** @return a new, unstarted child process of this context */
    Process process(Task task);

    /**
     * @return a new unbounded queue whose local taker parks at once instead of spinning: the pool's result thread
     *         shares the CPUs with the workers it waits for
     */
    <E> Queue<E> resultQueue();

    /** @return a new block of shared memory, for {@link PoolClaims} */
    SharedMemory sharedMemory(long size);
}
