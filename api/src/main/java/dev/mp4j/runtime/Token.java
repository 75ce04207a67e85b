package dev.mp4j.runtime;

import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * The serialized form of everything that crosses processes: a queue, a pipe end, a lock, a shared value. An object
 * that is sent to another process (captured by a task, put in a queue, sent through a pipe) writes a token in its
 * place ({@code writeReplace}); the receiving process reads the token back and resolves it
 * ({@code readResolve}) to an object over the same thing, through the {@link TokenResolver} registered for its kind.
 *
 * <p>A token names where the thing lives, not how to reach it, so it holds no secret and no live handle: a process
 * that is not in the tree cannot use it, since every link starts with the tree's authentication (and shared memory
 * is private to its user).
 *
 * @param kind      what the object is, such as {@code "mp4j.queue"}; selects the resolver
 * @param transport the transport it belongs to, or {@code ""} for objects that need none (shared memory)
 * @param owner     where it lives: the address of the process that owns it, the name of the shared-memory block
 *                  that holds it, or the name a transport keeps it under
 * @param id        its number there; 0 where the owner names the object itself
 * @param detail    what else the resolver needs (a bound, a pipe end's side), or null
 */
public record Token(String kind, String transport, String owner, long id, Serializable detail) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @throws IllegalArgumentException if {@code kind} is blank
     * @throws NullPointerException     if {@code kind}, {@code transport} or {@code owner} is null
     */
    public Token {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(owner, "owner");
        if (kind.isBlank()) {
            throw new IllegalArgumentException("a token's kind must not be blank");
        }
    }

    /**
     * Resolves this token in this process, through the resolver registered for its kind.
     *
     * @throws java.io.InvalidObjectException if no resolver on the class path knows the kind, or the resolver
     *                                        refuses the token; the message says which and why
     */
    @Serial
    private Object readResolve() throws ObjectStreamException {
        return TokenResolvers.resolve(this);
    }
}
