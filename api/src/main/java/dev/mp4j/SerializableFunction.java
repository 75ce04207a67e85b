package dev.mp4j;

import java.io.Serializable;

/**
 * A function that can be sent to another process, as a {@link Pool}'s {@code map} and {@code imap} send it to their
 * workers. Everything the function captures, its arguments and its results must be {@link Serializable}.
 *
 * <p>It may throw anything, checked exceptions included, as a Python function may raise anything: a pool fails that
 * item's task with it, and the caller gets it as the cause of a {@link RemoteException} (or of an
 * {@link java.util.concurrent.ExecutionException}, from an {@link AsyncResult}). Not a
 * {@link java.util.function.Function}, whose {@code apply} may throw no checked exception: one interface, so that a
 * lambda passed to {@code map} has one meaning and no call site is ambiguous.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Serializable {
    /**
     * Applies the function.
     *
     * @param t the argument
     * @return the result
     * @throws Exception whatever the function throws
     */
    R apply(T t) throws Exception;
}
