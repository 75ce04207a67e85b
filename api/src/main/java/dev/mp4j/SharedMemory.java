package dev.mp4j;

import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * A named block of shared memory: Python's {@code multiprocessing.shared_memory.SharedMemory}. Made by
 * {@link Context#sharedMemory(long)} and {@link Context#sharedMemory(String, long)}; any process on this
 * machine may attach to an existing block with {@link Context#attachSharedMemory(String)}. The block is a
 * file in {@code /dev/shm}, or in {@code java.io.tmpdir} where there is none; a new block is zeroed.
 *
 * <p>Memory consistency effects: none. The block is plain memory: reads and writes through a
 * {@linkplain #buffer() buffer} are plain accesses, as on any {@link ByteBuffer}, with no ordering between
 * processes (or threads), and no atomicity promised for values wider than a byte. Another process may see a
 * write late, out of order, or, if it polls without synchronization, never.
 *
 * <p>To publish what one process writes to another, order the two with a synchronizer: writes before a
 * {@link Lock#unlock()} are seen by a thread, in any process, that locks it later; writes before an
 * {@link Event#set()} by the threads its {@link Event#await()} releases; and likewise with a
 * {@link Semaphore}, a {@link Barrier}, a shared value, or an item or message sent through a {@link Queue} or
 * a {@link Connection}. For atomic access to the block itself, use a
 * {@link java.lang.invoke.MethodHandles#byteBufferViewVarHandle VarHandle} on a buffer, at offsets aligned to
 * the value's size: its volatile and compare-and-set modes work across processes, as mp4j's shared values do.
 *
 * <p><b>Lifetime.</b> {@link #close()} detaches this process; {@link #unlink()} removes the name. Every block
 * made by the processes of one tree is unlinked when the root process of the tree ends; if the root was
 * killed, the next mp4j JVM to start on this machine finds and unlinks it. A process that only attached never
 * unlinks by itself. Nothing is printed about blocks left behind.
 *
 * <p>Captured by a task or sent through a queue or pipe, a block re-attaches to the same block, by name, in
 * the receiving process; it must not have been unlinked by then.
 */
public interface SharedMemory extends AutoCloseable, Serializable {
    /** @return the block's name, which {@link Context#attachSharedMemory(String)} accepts; works after close */
    String name();

    /** @return the size in bytes, as given at creation; works after close */
    long size();

    /**
     * A new direct view over the whole block, shared with every attached process: position 0, limit
     * {@link #size()}, big-endian like every new {@link ByteBuffer}. Each call returns a new buffer.
     *
     * @throws IllegalStateException         if this process closed the block
     */
    ByteBuffer buffer();

    /**
     * Detaches this process: later calls to {@link #buffer()} throw {@link IllegalStateException}. Buffers
     * already handed out stay mapped until they are garbage-collected, because the JDK cannot unmap them.
     * Does not unlink. Idempotent.
     */
    @Override
    void close();

    /**
     * Removes the block's name, so that nobody new can attach and the name may be used again; processes
     * already attached keep their mapping, and the memory is freed once the last of them lets go. Works
     * before or after {@link #close()}.
     *
     * @throws IllegalStateException if the block was already unlinked, by this process or another
     */
    void unlink();
}
