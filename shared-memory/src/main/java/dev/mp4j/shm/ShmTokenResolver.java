package dev.mp4j.shm;

import dev.mp4j.runtime.Token;
import dev.mp4j.runtime.TokenResolver;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Re-attaches the objects of this module when they arrive in another process: every lock, semaphore, event,
 * condition, barrier, shared value and array, and {@code SharedMemory} block travels as a {@link Token} of kind
 * {@code mp4j.shm.<kind>} ({@code mp4j.shm.lock}, {@code mp4j.shm.rlock}, {@code mp4j.shm.semaphore},
 * {@code mp4j.shm.event}, {@code mp4j.shm.condition}, {@code mp4j.shm.barrier}, {@code mp4j.shm.int},
 * {@code mp4j.shm.long}, {@code mp4j.shm.double}, {@code mp4j.shm.int-array}, {@code mp4j.shm.long-array},
 * {@code mp4j.shm.double-array}, {@code mp4j.shm.memory}), with no transport, the name of its block as the owner,
 * id 0, and as detail what else it needs: a condition's lock, a barrier's action and default timeout, or
 * {@code "lock"} for the lock of a shared value rather than the value. The receiving process maps the same block.
 *
 * <p>Registered with {@link java.util.ServiceLoader}; not for direct use.
 */
public final class ShmTokenResolver implements TokenResolver {
    static final String PREFIX = "mp4j.shm.";
    /** The token kind of a {@code SharedMemory} block, which has no mp4j header and so no {@link Kind}. */
    static final String MEMORY = PREFIX + "memory";

    private static final Map<String, Kind> BY_TOKEN_KIND = Arrays.stream(Kind.values())
            .collect(Collectors.toUnmodifiableMap(k -> k.tokenKind, Function.identity()));
    private static final Set<String> KINDS = allKinds(BY_TOKEN_KIND.keySet());

    /** For {@link java.util.ServiceLoader}. */
    public ShmTokenResolver() {
    }

    private static Set<String> allKinds(Set<String> structures) {
        Set<String> all = new TreeSet<>(structures);
        all.add(MEMORY);
        return Set.copyOf(all);
    }

    /** @return the {@code mp4j.shm.*} kinds listed above */
    @Override
    public Set<String> kinds() {
        return KINDS;
    }

    /**
     * Maps the token's block and returns the object over it.
     *
     * @throws InvalidObjectException if the kind is not one of this module's, the block is gone (its tree ended,
     *                                or it was unlinked), it holds another kind, or the detail is not what the kind
     *                                needs; the message names the kind and the block
     */
    @Override
    public Object resolve(Token token) throws ObjectStreamException {
        try {
            return attach(token);
        } catch (RuntimeException e) {
            InvalidObjectException ex = new InvalidObjectException("cannot re-attach shared " + describe(token) + ": "
                    + e.getMessage());
            ex.initCause(e);
            throw ex;
        }
    }

    private static Object attach(Token t) {
        if (t.kind().equals(MEMORY)) {
            return ShmBlock.attach(t.owner());
        }
        Kind kind = BY_TOKEN_KIND.get(t.kind());
        if (kind == null) {
            throw new IllegalArgumentException("this mp4j has no shared-memory kind '" + t.kind() + "' (it knows "
                    + KINDS + "); every process of a tree must run the same mp4j");
        }
        MappedSegment seg = Segments.attach(t.owner(), kind);
        if (ShmValue.LOCK_OF_VALUE.equals(t.detail())) {
            return new ShmRLock(seg, ValueLayout.LOCK, t);
        }
        return switch (kind) {
            case LOCK -> new ShmLock(seg, t);
            case RLOCK -> new ShmRLock(seg, LockLayout.BASE, t);
            case SEMAPHORE -> new ShmSemaphore(seg, t);
            case EVENT -> new ShmEvent(seg, t);
            case CONDITION -> new ShmCondition(seg, detail(t, BaseLock.class), t);
            case BARRIER -> new ShmBarrier(seg, detail(t, BarrierSpec.class), t);
            case INT -> new ShmInt(seg, t);
            case LONG -> new ShmLong(seg, t);
            case DOUBLE -> new ShmDouble(seg, t);
            case INT_ARRAY -> new ShmIntArray(seg, t);
            case LONG_ARRAY -> new ShmLongArray(seg, t);
            case DOUBLE_ARRAY -> new ShmDoubleArray(seg, t);
        };
    }

    private static <T> T detail(Token t, Class<T> type) {
        if (!type.isInstance(t.detail())) {
            throw new IllegalArgumentException("the token's detail must be a " + type.getSimpleName() + ", not "
                    + (t.detail() == null ? "null" : t.detail().getClass().getName()));
        }
        return type.cast(t.detail());
    }

    private static String describe(Token t) {
        String kind = t.kind().startsWith(PREFIX) ? t.kind().substring(PREFIX.length()) : t.kind();
        return kind + (ShmValue.LOCK_OF_VALUE.equals(t.detail()) ? " lock" : "") + " \"" + t.owner() + '"';
    }
}
