/**
 * The transport plug-in SPI. A transport ({@link dev.mp4j.spi.TransportProvider}) moves byte frames between
 * processes over {@link dev.mp4j.spi.FrameLink}s, and may keep queue and pipe items itself
 * ({@link dev.mp4j.spi.NativeQueues}); the runtime (mp4j-core) builds processes, pipes, queues and pools on top.
 * Nothing here names a networking library, and nothing here depends on {@code dev.mp4j}: a socket transport, a
 * shared-memory ring and a journal all fit.
 *
 * <p>Prove a transport with the contract suites in {@code mp4j-tck}; {@code docs/writing-a-transport.md} is the
 * guide from nothing to a passing TCK.
 */
package dev.mp4j.spi;
