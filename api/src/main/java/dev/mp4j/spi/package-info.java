/**
 * The plug-in SPI. A transport ({@link dev.mp4j.spi.TransportProvider}) moves byte frames between processes
 * over {@link dev.mp4j.spi.FrameLink}s; the runtime ({@link dev.mp4j.spi.ContextFactory}, from mp4j-core)
 * builds processes, pipes and queues on top. Nothing here names a networking library: a socket transport and
 * a shared-memory queue transport both fit. Prove a new transport by running the contract tests shipped in
 * mp4j-core's test-jar ({@code dev.mp4j.tck}).
 */
package dev.mp4j.spi;
