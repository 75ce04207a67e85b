package dev.mp4j;

import java.io.Serializable;

/**
 * A fixed-length {@code long} array in shared memory, seen by every process of a process tree: Python's
 * {@code multiprocessing.Array('q', n)}, with the methods of
 * {@link java.util.concurrent.atomic.AtomicLongArray}. Made by {@link Context#sharedLongArray(int)} (zeroed)
 * and {@link Context#sharedLongArrayOf(long...)}.
 *
 * <p>Every single-element operation is atomic across processes and threads (a
 * {@link java.lang.invoke.VarHandle} on the mapped memory). Arithmetic wraps around on overflow, as in
 * {@code AtomicLongArray}. {@link #toArray()} and {@link #copyFrom} are atomic element by element, not as a
 * whole: hold {@link #lock()} for a consistent snapshot or update. A process that dies cannot leave a
 * single-element operation half done, but may leave a {@code copyFrom} partly done. An index outside
 * {@code [0, length())} throws {@link IndexOutOfBoundsException}.
 *
 * <p>Memory consistency effects: element by element, as with
 * {@link java.util.concurrent.atomic.AtomicLongArray}: {@link #get} has the memory effects of reading a
 * {@code volatile} variable, {@link #set} those of writing one, and {@link #getAndAdd}, {@link #addAndGet},
 * {@link #incrementAndGet} and {@link #compareAndSet} those of both, atomically; {@link #toArray()} reads and
 * {@link #copyFrom} writes each element in the same way, one after another; together these accesses are
 * sequentially consistent, as volatile ones are. So actions in a process prior to a write of an element
 * happen-before actions following a read of that element, in this or any other process, that sees the value
 * written or a later one; between processes this reaches shared memory. A failed {@code compareAndSet} has
 * the effects of a volatile read only.
 *
 * <p>{@link #lock()} is the {@link RLock} that guards compound updates (Python's {@code get_lock()}), the
 * same lock in every process; the other operations here do not take it.
 *
 * <p>{@link #close()} detaches this process's view only; other processes keep theirs. The memory is freed
 * when the root process of the tree ends. Captured by a task or sent through a queue or pipe, the array
 * re-attaches to the same memory in the receiving process.
 */
public interface SharedLongArray extends AutoCloseable, Serializable {
    /** @return the number of elements */
    int length();

    /**
     * @return the element at index {@code i}
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    long get(int i);

    /**
     * Sets the element at index {@code i}.
     *
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    void set(int i, long value);

    /**
     * Adds {@code delta} to the element at index {@code i} atomically.
     *
     * @return the element before
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    long getAndAdd(int i, long delta);

    /**
     * Adds {@code delta} to the element at index {@code i} atomically.
     *
     * @return the element after
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    long addAndGet(int i, long delta);

    /**
     * Adds one to the element at index {@code i} atomically.
     *
     * @return the element after
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    long incrementAndGet(int i);

    /**
     * Sets the element at index {@code i} to {@code update} if it is {@code expect}.
     *
     * @return true if set
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    boolean compareAndSet(int i, long expect, long update);

    /** @return a new array holding the elements, each read atomically, but not all at one instant */
    long[] toArray();

    /**
     * Sets every element from {@code values}, each atomically, but not all at one instant.
     *
     * @throws NullPointerException     if {@code values} is null
     * @throws IllegalArgumentException if {@code values.length != length()}; nothing changes
     */
    void copyFrom(long[] values);

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
