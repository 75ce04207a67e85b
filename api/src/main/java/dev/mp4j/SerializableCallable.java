package dev.mp4j;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that can be sent to another process. Everything the callable captures, and the value
 * it returns, must be {@link Serializable}.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SerializableCallable<T> extends Callable<T>, Serializable {}
