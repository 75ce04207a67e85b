/**
 * Pipes: the state in the process that made a pipe ({@code PipeState}), the copies of its ends here and elsewhere
 * ({@code LocalEnd}, {@code RemoteEnd}), the user's {@link dev.mp4j.Connection}, {@link dev.mp4j.Connections#waitAny},
 * and the token of an end. Uses {@code link} and {@code codec}.
 */
package dev.mp4j.core.pipe;
