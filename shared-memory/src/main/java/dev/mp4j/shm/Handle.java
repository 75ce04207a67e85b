package dev.mp4j.shm;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;

/**
 * What travels when a shared object is serialized: the kind and name of its block, plus what a kind needs
 * besides (a condition's lock, a barrier's action). The receiving process maps the same block.
 *
 * @param kind     the block's kind; null for a {@code SharedMemory} block
 * @param name     the block's name
 * @param lockOnly true for the lock of a shared value, rather than the value
 * @param extra    a condition's lock, or a barrier's {@link BarrierSpec}
 */
record Handle(Kind kind, String name, boolean lockOnly, Serializable extra) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    static Handle of(Kind kind, String name) {
        return new Handle(kind, name, false, null);
    }

    Handle lockOfValue() {
        return new Handle(kind, name, true, null);
    }

    @Serial
    private Object readResolve() throws ObjectStreamException {
        try {
            return SharedObjects.attach(this);
        } catch (RuntimeException e) {
            InvalidObjectException ex = new InvalidObjectException("cannot re-attach shared " + this + ": "
                    + e.getMessage());
            ex.initCause(e);
            throw ex;
        }
    }

    @Override
    public String toString() {
        return (kind == null ? "memory" : kind.displayName()) + (lockOnly ? " lock" : "") + " \"" + name + '"';
    }
}
