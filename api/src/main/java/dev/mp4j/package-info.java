/**
 * mp4j's public API: Python's {@code multiprocessing} for the JVM. Start at
 * {@link dev.mp4j.Multiprocessing}.
 *
 * <p><b>Memory consistency.</b> Every type here that crosses processes states its memory consistency effects,
 * in the manner of {@code java.util.concurrent}: actions in a process before it puts an item, sends a
 * message, releases a lock or a permit, sets an event, arrives at a barrier, writes a shared value, starts a
 * process or hands work to a pool happen-before actions, in this or any other process, after the take,
 * receive, acquisition, return from a wait, read of that value, run of the task or retrieval of its result
 * that observes it; and the actions of a child process happen-before the return of a
 * {@link dev.mp4j.Process#join() join()} that sees it end.
 *
 * <p>Between the threads of one process, that is the Java memory model's happens-before, over all memory.
 * Between processes it reaches only what both can see: the data carried, and shared memory. Items, messages,
 * tasks and results are copies, encoded when they are sent, so later changes to the original do not travel;
 * shared memory ({@link dev.mp4j.SharedMemory}, the shared values and arrays, and the synchronizers) is read
 * and written in place. Ordinary heap objects belong to one process and are never shared. The shared values
 * and arrays have volatile semantics, as in {@code java.util.concurrent.atomic}; the buffer of a
 * {@code SharedMemory} is plain memory, with no effects of its own.
 */
package dev.mp4j;
