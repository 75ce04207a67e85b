package dev.mp4j;

/**
 * How a {@link Pool} is made: Python's {@code Pool(processes, initializer, maxtasksperchild)}.
 *
 * <pre>{@code
 * Pool pool = mp.pool(PoolOptions.of(4).withInitializer(() -> warmUp()).withMaxTasksPerChild(1000));
 * }</pre>
 *
 * @param processes        the number of worker processes, at least 1
 * @param initializer      run once in each worker before its first task; null for none. If it throws in
 *                         any worker while the pool starts, the pool's constructor fails
 * @param maxTasksPerChild tasks a worker runs before it is replaced by a fresh one; 0 for no limit
 */
public record PoolOptions(int processes, Task initializer, int maxTasksPerChild) {
    /**
     * @throws IllegalArgumentException if {@code processes < 1} or {@code maxTasksPerChild < 0}
     */
    public PoolOptions {
        if (processes < 1) {
            throw new IllegalArgumentException("a pool needs at least 1 process, got " + processes);
        }
        if (maxTasksPerChild < 0) {
            throw new IllegalArgumentException("maxTasksPerChild must be at least 1 (or 0 for no limit), got "
                    + maxTasksPerChild);
        }
    }

    /**
     * @param processes the number of worker processes
     * @return options with no initializer and no task limit
     * @throws IllegalArgumentException if {@code processes < 1}
     */
    public static PoolOptions of(int processes) {
        return new PoolOptions(processes, null, 0);
    }

    /** @return these options with {@code initializer} run once in each worker before its first task */
    public PoolOptions withInitializer(Task initializer) {
        return new PoolOptions(processes, initializer, maxTasksPerChild);
    }

    /**
     * @param n tasks a worker runs before it is replaced
     * @return these options with that limit
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public PoolOptions withMaxTasksPerChild(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxTasksPerChild must be at least 1, got " + n
                    + " (leave it unset for no limit)");
        }
        return new PoolOptions(processes, initializer, n);
    }
}
