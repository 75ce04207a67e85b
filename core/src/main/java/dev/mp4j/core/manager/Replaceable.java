package dev.mp4j.core.manager;

import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * Implemented by every dynamic proxy for a managed object, so that serialization finds its writeReplace: a
 * dynamic proxy class has only the methods of its interfaces. Public only because a proxy class must be able
 * to implement it from any package.
 */
public interface Replaceable extends Serializable {
    /** @return the proxy's serialized form; called by serialization only */
    Object writeReplace() throws ObjectStreamException;
}
