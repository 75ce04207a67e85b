package dev.mp4j.core.pipe;

import dev.mp4j.Connection;
import dev.mp4j.Pipe;

/** The two ends a new pipe hands out. */
record PipeImpl(Connection left, Connection right) implements Pipe {}
