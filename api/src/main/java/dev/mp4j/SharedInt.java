package dev.mp4j;

import java.io.Serializable;

/**
 * An {@code int} in shared memory, seen by every process of a process tree: Python's
 * {@code multiprocessing.Value('i')}, with the methods of {@link java.util.concurrent.atomic.AtomicInteger}.
 * Made by {@link Context#sharedInt(int)}.
 *
 * <p>Every operation is atomic across processes and threads (a {@link java.lang.invoke.VarHandle} on the
 * mapped memory); a process that dies cannot leave one half done. Arithmetic wraps around on overflow, as in
 * {@code AtomicInteger}.
 *
 * <p>Memory consistency effects: as with {@link java.util.concurrent.atomic.AtomicInteger}, {@link #get()}
 * has the memory effects of reading a {@code volatile} variable, {@link #set} those of writing one, and
 * {@link #getAndAdd}, {@link #addAndGet}, {@link #incrementAndGet} and {@link #compareAndSet} those of both,
 * atomically; together they are sequentially consistent, as volatile accesses are. So actions in a process
 * prior to a write happen-before actions following a read (by {@code get} or an update), in this or any other
 * process, that sees the value written or a later one; between processes this reaches shared memory. A failed
 * {@code compareAndSet} has the effects of a volatile read only.
 *
 * <p>{@link #lock()} is the {@link RLock} that guards compound updates (Python's {@code get_lock()}), the
 * same lock in every process; the single operations here do not take it.
 *
 * <p>{@link #close()} detaches this process's view only; other processes keep theirs. The memory is freed
 * when the root process of the tree ends. Captured by a task or sent through a queue or pipe, the value
 * re-attaches to the same memory in the receiving process.
 */
public interface SharedInt extends AutoCloseable, Serializable {
    /** @return the current value */
    int get();

    /** Sets the value. */
    void set(int value);

    /**
     * Adds {@code delta} atomically.
     *
     * @return the value before
     */
    int getAndAdd(int delta);

    /**
     * Adds {@code delta} atomically.
     *
     * @return the value after
     */
    int addAndGet(int delta);

    /**
     * Adds one atomically.
     *
     * @return the value after
     */
    int incrementAndGet();

    /**
     * Sets the value to {@code update} if it is {@code expect}.
     *
     * @return true if set
     */
    boolean compareAndSet(int expect, int update);

    /** @return the lock that guards compound updates, the same in every process */
    RLock lock();

    /** @return the name of this object's shared memory, the same in every process; works after close */
    String name();

    /**
     * Detaches this process's view; afterwards every method but {@link #name()} and {@code close()} throws
     * {@link IllegalStateException}. Other processes are unaffected. Idempotent.
     */
    @Override
    void close();
}
