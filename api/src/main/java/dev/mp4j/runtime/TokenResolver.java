package dev.mp4j.runtime;

import java.io.ObjectStreamException;
import java.util.Set;

/**
 * Turns a {@link Token} back into a live object in the process that received it. Each module that makes tokens
 * registers one resolver for its kinds with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.mp4j.runtime.TokenResolver}): mp4j-core for queues and pipe ends, mp4j-shared-memory
 * for locks and shared values, and next the Manager for its proxies.
 *
 * <p>Implementations are thread-safe and cheap to construct; the first token that needs one loads every resolver
 * on the class path, each on its own, so that a broken one never hides the others.
 */
public interface TokenResolver {
    /** @return the token kinds this resolver resolves; no two resolvers on a class path may share a kind */
    Set<String> kinds();

    /**
     * Resolves a token of one of {@link #kinds()}. Called during deserialization, on the thread that reads the
     * object.
     *
     * @return the object the token stands for, in this process
     * @throws ObjectStreamException if the token cannot be resolved here (the object is gone, or the token is
     *                               malformed); say why in the message
     */
    Object resolve(Token token) throws ObjectStreamException;
}
