package dev.mp4j;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that can be sent to another process. Everything the function captures, its
 * arguments and its results must be {@link Serializable}.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {}
