package dev.mp4j.core.pool;

import dev.mp4j.core.codec.Codec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A task or function as a pool sends it: its encoding and a work id. Workers keep the last work they
 * deserialized by id, so work sent again under the same id is not deserialized again.
 *
 * <p>A stateless lambda (no captured values, as {@code Squares::square} or {@code () -> 1}) is one shared
 * object that cannot change, so its encoding and id are kept and reused for every submission, as Python
 * pickles a module-level function by name. Anything with state is encoded afresh each time: it may have
 * changed since.
 *
 * <p>The work object itself is kept with its encoding, as long as a job of it may still be sent to a worker (one
 * that replaces a lost one, say): what it captured that other processes hold through it (a queue, a pipe end) then
 * stays held here until then, so a late decoding finds it there.
 *
 * @param id     the id workers remember the work by
 * @param bytes  its encoding
 * @param source the work that was encoded
 */
record PoolWork(long id, byte[] bytes, Object source) {
    /** Job and work ids; one sequence for every pool of this JVM, since workers remember work by id. */
    private static final AtomicLong IDS = new AtomicLong();

    private static final int MAX_REMEMBERED = 256;
    private static final Map<Object, PoolWork> STATELESS = new ConcurrentHashMap<>();
    private static final ClassValue<Boolean> IS_STATELESS_LAMBDA = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            if (!c.isSynthetic() || !c.getName().contains("$$Lambda")) {
                return false;
            }
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    return false;
                }
            }
            return true;
        }
    };

    /** @return a new job or work id */
    static long nextId() {
        return IDS.incrementAndGet();
    }

    static PoolWork of(Object work, String what) {
        if (!IS_STATELESS_LAMBDA.get(work.getClass())) {
            return new PoolWork(nextId(), encode(work, what), work);
        }
        PoolWork known = STATELESS.get(work);
        if (known != null) {
            return known;
        }
        PoolWork fresh = new PoolWork(nextId(), encode(work, what), work);
        if (STATELESS.size() < MAX_REMEMBERED) {
            STATELESS.putIfAbsent(work, fresh);
        }
        return fresh;
    }

    static byte[] encode(Object work, String what) {
        try {
            return Codec.encode(work);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " cannot be serialized: " + e.getMessage(), e.getCause());
        }
    }
}
