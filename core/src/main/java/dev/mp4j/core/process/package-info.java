/**
 * Child JVMs: starting one ({@link dev.mp4j.core.process.ChildProcess}, what travels over its standard input in the
 * {@code Bootstrap}), its main ({@link dev.mp4j.core.process.ChildMain}), the forwarding of its output, and this
 * JVM's place in the process tree ({@link dev.mp4j.core.process.ProcessTree}). Uses {@code codec}.
 */
package dev.mp4j.core.process;
