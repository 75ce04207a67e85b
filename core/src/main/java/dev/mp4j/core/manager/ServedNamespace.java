package dev.mp4j.core.manager;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/** A namespace in the manager: attributes in the order they were first set. */
public final class ServedNamespace extends ServedObject implements dev.mp4j.Namespace {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, Object> attributes = new LinkedHashMap<>();

    @Override
    Kind kind() {
        return Kind.NAMESPACE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        if (!attributes.containsKey(name)) {
            throw new NoSuchElementException("this namespace has no attribute " + name + "; it has " + attributes.keySet());
        }
        return (T) attributes.get(name);
    }

    @Override
    public void set(String name, Object value) {
        attributes.put(java.util.Objects.requireNonNull(name, "name"), value);
    }

    @Override
    public void remove(String name) {
        attributes.remove(name);
    }

    @Override
    public Set<String> names() {
        return new LinkedHashSet<>(attributes.keySet());
    }
}
