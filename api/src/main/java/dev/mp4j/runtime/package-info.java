/**
 * The runtime's side of the API, for mp4j-core and the modules that make cross-process objects, not for
 * applications: {@link dev.mp4j.runtime.ContextFactory} (the runtime behind {@link dev.mp4j.Multiprocessing}),
 * {@link dev.mp4j.runtime.Transports} (how providers are found and chosen), and the token model every object that
 * crosses processes uses ({@link dev.mp4j.runtime.Token}, resolved through {@link dev.mp4j.runtime.TokenResolver}s).
 *
 * <p>The transport plug-in SPI is {@link dev.mp4j.spi}; it depends on nothing here or in {@code dev.mp4j}.
 */
package dev.mp4j.runtime;
