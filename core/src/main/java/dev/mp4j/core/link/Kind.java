package dev.mp4j.core.link;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A kind of object a process owns and serves to others over frames: pipes, queues, and next the Manager's objects.
 * Each kind has a code (the high four bits of its ops, see {@link Wire}) and says what to answer to a frame for an
 * object of its kind that no longer exists, so that a client waiting for an answer hears of it.
 *
 * @param code   1 to 15, unique among the kinds of the runtime
 * @param name   for messages
 * @param orphan answers a frame addressed to an object of this kind that is gone
 */
public record Kind(int code, String name, Orphan orphan) {
    /** What to do with a frame for an object of this kind that is gone; on a transport thread, must not block. */
    @FunctionalInterface
    public interface Orphan {
        void onFrame(Caller from, byte op, ByteBuffer frame);
    }

    public Kind {
        Wire.op(code, 0);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(orphan, "orphan");
    }

    /** @return the op byte of this kind's op number {@code n} */
    public byte op(int n) {
        return Wire.op(code, n);
    }
}
