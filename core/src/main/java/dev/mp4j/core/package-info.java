/**
 * mp4j's runtime: processes, pipes, queues and pools over any transport. Internal: applications use
 * {@code dev.mp4j}; the types made public here are public only so that core's own packages can reach them.
 *
 * <p><b>Rooms.</b> One package per concept. A package may use the packages below it and never one above it:
 *
 * <pre>
 *   dev.mp4j.core            the runtime of this JVM (CoreRuntime), the Context of each transport, token resolution
 *        |
 *    pool    manager         process pools: supervision, scheduling, results | managers: the object server, proxies
 *        |  /
 *   process   pipe   queue   child JVMs and the process tree | pipes and their copies | queues, owned or remote
 *        \      |      /
 *      link    net    codec  frames between processes | sockets at users' addresses, the mutual HMAC challenge |
 *                            encoding objects
 * </pre>
 *
 * {@code process}, {@code pipe} and {@code queue} do not use each other, nor {@code pool} and {@code manager};
 * {@code link}, {@code net} and {@code codec} use nothing of core above them ({@code link} takes its HMAC from
 * {@code net}). Below them all are mp4j-api (the public API, the runtime's hook {@code dev.mp4j.runtime} and the
 * transport SPI {@code dev.mp4j.spi}) and mp4j-shared-memory.
 *
 * <p><b>Seams.</b> What a process owns and serves to others registers with its {@link dev.mp4j.core.link.Node}
 * under a {@link dev.mp4j.core.link.Kind} and receives its frames through {@link dev.mp4j.core.link.Owned}; adding
 * a kind adds classes, and changes neither {@link dev.mp4j.core.link.Wire} nor the link code. Everything that
 * crosses processes travels as a {@link dev.mp4j.runtime.Token}, resolved by {@link dev.mp4j.core.CoreTokens} on
 * the node of its transport. The process tree is one object ({@link dev.mp4j.core.process.ProcessTree}) that the
 * runtime passes to whatever needs it.
 */
package dev.mp4j.core;
