package dev.mp4j;

import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * A named block of shared memory: Python's {@code multiprocessing.shared_memory.SharedMemory}. Made by
 * {@link Context#sharedMemory(long)} and {@link Context#sharedMemory(String, long)}; any process on this
 * machine may attach to an existing block with {@link Context#attachSharedMemory(String)}. The block is a
 * file in {@code /dev/shm}, or in {@code java.io.tmpdir} where there is none; a new block is zeroed.
 *
 * <p>Writes through a {@linkplain #buffer() buffer} are seen by every attached process, with no ordering
 * guarantee beyond what the processes arrange themselves, for instance with a {@link Lock} or an
 * {@link Event}.
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
