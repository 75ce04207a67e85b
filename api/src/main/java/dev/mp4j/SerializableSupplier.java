package dev.mp4j;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * A {@link Supplier} that can be sent to another process. Everything the supplier captures, and what it
 * supplies, must be {@link Serializable}.
 *
 * @param <T> the supplied type
 */
@FunctionalInterface
public interface SerializableSupplier<T> extends Supplier<T>, Serializable {}
