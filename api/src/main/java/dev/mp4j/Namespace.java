package dev.mp4j;

import java.io.Serializable;
import java.util.Set;

/**
 * Attributes by name, held by a {@link Manager}: Python's {@code manager.Namespace()}, whose
 * {@code ns.x = 1} is {@code ns.set("x", 1)} here. Values cross by copy, as with every proxy. Each method is
 * one round trip to the manager; a {@code Namespace} is a proxy, safe for use by several threads and by any
 * process that holds it.
 */
public interface Namespace extends Serializable {
    /**
     * @return the value of attribute {@code name}
     * @throws java.util.NoSuchElementException if there is no such attribute (Python's AttributeError)
     */
    <T> T get(String name);

    /**
     * Sets attribute {@code name}; null is a value like any other.
     *
     * @throws IllegalArgumentException if the value cannot be serialized
     */
    void set(String name, Object value);

    /** Removes attribute {@code name}; nothing happens if there is none. */
    void remove(String name);

    /** @return a snapshot of the attribute names, in the order they were first set */
    Set<String> names();
}
