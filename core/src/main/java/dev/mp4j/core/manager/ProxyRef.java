package dev.mp4j.core.manager;

import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;

/**
 * A proxy in a message: the manager's address, the object's id and kind, and no key. Read back, it becomes a
 * proxy of this process's client for that address, which takes over the reference counted in transit.
 */
final class ProxyRef implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final String address;
    private final long id;
    private final String kind;

    ProxyRef(String address, long id, String kind) {
        this.address = address;
        this.id = id;
        this.kind = kind;
    }

    @Serial
    private Object readResolve() throws ObjectStreamException {
        return ManagerClient.of(address).claim(id, kind);
    }
}
