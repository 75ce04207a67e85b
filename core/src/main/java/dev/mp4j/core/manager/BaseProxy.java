package dev.mp4j.core.manager;

import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;

/**
 * What every proxy holds: its client, the object's id and kind. Serialized, a proxy becomes a {@link ProxyRef},
 * after counting a reference in transit, so that the object outlives the message even if this proxy does not.
 */
abstract class BaseProxy implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** The longest wait in one round trip: an interrupt, or the manager's death, is seen within it. */
    static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    final transient ManagerClient client;
    final transient long id;
    final transient String kind;

    BaseProxy(ManagerClient client, long id, String kind) {
        this.client = client;
        this.id = id;
        this.kind = kind;
    }

    final Object call(String sig, Object... args) {
        return client.call(id, sig, args);
    }

    /**
     * Waits in slices: calls {@code sig} (whose last argument is a slice in nanoseconds, after {@code first} if
     * that is not null) until it returns something other than false or null, or {@code nanos} pass.
     *
     * @param nanos         negative to wait as long as it takes
     * @param interruptible whether an interrupt between slices ends the wait; if not, it is kept for later
     * @return what the successful slice returned, or null if the time passed
     */
    final Object sliced(String sig, byte[] first, long nanos, boolean interruptible) throws InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + nanos;
        try {
            while (true) {
                long slice = nanos < 0 ? SLICE_NANOS : Math.max(0, Math.min(SLICE_NANOS, deadline - System.nanoTime()));
                byte[] s = dev.mp4j.core.codec.Codec.encode(slice);
                Object r = client.callEncoded(id, sig, first == null ? new byte[][] {s} : new byte[][] {first, s});
                if (r != null && !Boolean.FALSE.equals(r)) {
                    return r;
                }
                if (Thread.interrupted()) {
                    if (interruptible) {
                        throw new InterruptedException();
                    }
                    interrupted = true;
                }
                if (nanos >= 0 && deadline - System.nanoTime() <= 0) {
                    return null;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Serial
    final Object writeReplace() throws ObjectStreamException {
        client.transit(id);
        return new ProxyRef(client.address(), id, kind);
    }

    /** @return whether {@code o} is a proxy for the same managed object */
    final boolean sameObject(Object o) {
        return o instanceof BaseProxy p && p.id == id && p.client.address().equals(client.address());
    }

    final int objectHash() {
        return Long.hashCode(id) * 31 + client.address().hashCode();
    }

    /** Equal to a proxy for the same managed object; a dict's and a list's follow the referent instead. */
    @Override
    public boolean equals(Object o) {
        return sameObject(o);
    }

    @Override
    public int hashCode() {
        return objectHash();
    }

    @Override
    public String toString() {
        return "managed " + kind + " #" + id + " at " + client.address();
    }
}
