/**
 * mp4j's public API: Python's {@code multiprocessing} for the JVM. Start at
 * {@link dev.mp4j.Multiprocessing}.
 */
package dev.mp4j;
