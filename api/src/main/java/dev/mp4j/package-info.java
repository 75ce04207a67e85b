/**
 * mp4j's public API: Python's {@code multiprocessing} for the JVM. Start at
 * {@link dev.mp4j.Multiprocessing}.
 *
 * <p><b>Memory consistency.</b> Every object here that crosses processes states its effects, in the manner of
 * {@code java.util.concurrent}: actions in a process before it puts an item, sends a message, releases a lock or
 * sets an event happen-before actions, in any process, after the take, receive, acquisition or wake-up that
 * observes it, as far as the data reaches the other process (by copy through a queue or pipe, in place through
 * shared memory).
 */
package dev.mp4j;
