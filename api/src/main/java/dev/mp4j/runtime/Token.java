package dev.mp4j.runtime;

import java.io.InvalidObjectException;
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
 * <p>A value class, with a record's accessors, {@code equals}, {@code hashCode} and {@code toString}, but not a
 * record: Java serialization reads a record through method handles that a new JVM must first spin, 35–50 ms on a
 * small machine, and a cold child reads a token before anything else it does. A transport's token details should be
 * plain classes for the same reason.
 */
public final class Token implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;

    /**
     * The kind of a queue a transport keeps itself ({@link dev.mp4j.spi.NativeQueues}), whose owner is the name the
     * transport attaches it by, and whose id is the departure ticket it took
     * ({@link dev.mp4j.spi.NativeQueue#depart()}), or 0 for none (a token a transport makes by name, as of a durable
     * queue): the runtime resolves it to a {@link dev.mp4j.Queue} (or a {@link dev.mp4j.JoinableQueue}) over
     * {@code NativeQueues.attachQueue(owner, id)} of the transport the token names.
     */
    public static final String NATIVE_QUEUE_KIND = "mp4j.native-queue";

    private final String kind;
    private final String transport;
    private final String owner;
    private final long id;
    private final Serializable detail;

    /**
     * @param kind      what the object is, such as {@code "mp4j.queue"}; selects the resolver
     * @param transport the transport it belongs to, or {@code ""} for objects that need none (shared memory)
     * @param owner     where it lives: the address of the process that owns it, the name of the shared-memory block
     *                  that holds it, or the name a transport keeps it under
     * @param id        its number there; for a native queue, its departure ticket; 0 where the owner names the
     *                  object itself
     * @param detail    what else the resolver needs (a bound, a pipe end's side), or null
     * @throws IllegalArgumentException if {@code kind} is blank
     * @throws NullPointerException     if {@code kind}, {@code transport} or {@code owner} is null
     */
    public Token(String kind, String transport, String owner, long id, Serializable detail) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.owner = Objects.requireNonNull(owner, "owner");
        if (kind.isBlank()) {
            throw new IllegalArgumentException("a token's kind must not be blank");
        }
        this.id = id;
        this.detail = detail;
    }

    /** @return what the object is, such as {@code "mp4j.queue"} */
    public String kind() {
        return kind;
    }

    /** @return the transport it belongs to, or {@code ""} */
    public String transport() {
        return transport;
    }

    /** @return where it lives */
    public String owner() {
        return owner;
    }

    /** @return its number where it lives */
    public long id() {
        return id;
    }

    /** @return what else the resolver needs, or null */
    public Serializable detail() {
        return detail;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Token t && id == t.id && kind.equals(t.kind) && transport.equals(t.transport)
                && owner.equals(t.owner) && Objects.equals(detail, t.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, transport, owner, id, detail);
    }

    @Override
    public String toString() {
        return "Token[kind=" + kind + ", transport=" + transport + ", owner=" + owner + ", id=" + id + ", detail="
                + detail + "]";
    }

    /**
     * Resolves this token in this process, as reading it from a stream does: for a module that makes an object from a
     * token it built itself rather than received, such as a transport that opens a queue it keeps under a name of
     * its own ({@link #NATIVE_QUEUE_KIND}).
     *
     * @return the object the token stands for, in this process
     * @throws ObjectStreamException if no resolver on the class path knows the kind, or the resolver refuses the
     *                               token; the message says which and why
     */
    public Object resolve() throws ObjectStreamException {
        return TokenResolvers.resolve(this);
    }

    /**
     * Resolves this token in this process, through the resolver registered for its kind.
     *
     * @throws java.io.InvalidObjectException if the stream held no valid token (the constructor's checks), no
     *                                        resolver on the class path knows the kind, or the resolver refuses the
     *                                        token; the message says which and why
     */
    @Serial
    private Object readResolve() throws ObjectStreamException {
        // read without the constructor: check what it checks
        if (kind == null || transport == null || owner == null || kind.isBlank()) {
            throw new InvalidObjectException("a token without a kind, transport or owner: the stream is corrupt");
        }
        return TokenResolvers.resolve(this);
    }
}
