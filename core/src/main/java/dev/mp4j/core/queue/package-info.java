/**
 * Queues: the state in the process that made a queue ({@code QueueState}), its clients elsewhere
 * ({@code RemoteQueue}), the user's {@link dev.mp4j.Queue} and {@link dev.mp4j.JoinableQueue}, and the token of a
 * queue. Uses {@code link} and {@code codec}.
 */
package dev.mp4j.core.queue;
