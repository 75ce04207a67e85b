package dev.mp4j.core.manager;

import java.io.Serial;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A proxy for a managed map (Python's {@code manager.dict()}). Each method is one round trip; views are
 * unmodifiable snapshots; compute and its kin run atomically in the manager with serializable functions;
 * {@code equals}, {@code hashCode} and {@code toString} are the managed map's.
 */
@SuppressWarnings("unchecked")
final class MapProxy<K, V> extends BaseProxy implements Map<K, V> {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final String SIZE = Protocol.sig(Map.class, "size");
    private static final String IS_EMPTY = Protocol.sig(Map.class, "isEmpty");
    private static final String CONTAINS_KEY = Protocol.sig(Map.class, "containsKey", Object.class);
    private static final String CONTAINS_VALUE = Protocol.sig(Map.class, "containsValue", Object.class);
    private static final String GET = Protocol.sig(Map.class, "get", Object.class);
    private static final String PUT = Protocol.sig(Map.class, "put", Object.class, Object.class);
    private static final String REMOVE = Protocol.sig(Map.class, "remove", Object.class);
    private static final String PUT_ALL = Protocol.sig(Map.class, "putAll", Map.class);
    private static final String CLEAR = Protocol.sig(Map.class, "clear");
    private static final String KEY_SET = Protocol.sig(Map.class, "keySet");
    private static final String VALUES = Protocol.sig(Map.class, "values");
    private static final String ENTRY_SET = Protocol.sig(Map.class, "entrySet");
    private static final String EQUALS = Protocol.sig(Map.class, "equals", Object.class);
    private static final String HASH_CODE = Protocol.sig(Map.class, "hashCode");
    private static final String TO_STRING = Protocol.sig(Object.class, "toString");
    private static final String GET_OR_DEFAULT = Protocol.sig(Map.class, "getOrDefault", Object.class, Object.class);
    private static final String PUT_IF_ABSENT = Protocol.sig(Map.class, "putIfAbsent", Object.class, Object.class);
    private static final String REMOVE_VALUE = Protocol.sig(Map.class, "remove", Object.class, Object.class);
    private static final String REPLACE_IF = Protocol.sig(Map.class, "replace", Object.class, Object.class,
            Object.class);
    private static final String REPLACE = Protocol.sig(Map.class, "replace", Object.class, Object.class);
    private static final String REPLACE_ALL = Protocol.sig(Map.class, "replaceAll", BiFunction.class);
    private static final String COMPUTE_IF_ABSENT = Protocol.sig(Map.class, "computeIfAbsent", Object.class,
            Function.class);
    private static final String COMPUTE_IF_PRESENT = Protocol.sig(Map.class, "computeIfPresent", Object.class,
            BiFunction.class);
    private static final String COMPUTE = Protocol.sig(Map.class, "compute", Object.class, BiFunction.class);
    private static final String MERGE = Protocol.sig(Map.class, "merge", Object.class, Object.class,
            BiFunction.class);
    private static final String BI_FUNCTION = "(BiFunction<K, V, V> & Serializable) (k, v) -> ...";

    MapProxy(ManagerClient client, long id, String kind) {
        super(client, id, kind);
    }

    @Override
    public int size() {
        return (Integer) call(SIZE);
    }

    @Override
    public boolean isEmpty() {
        return (Boolean) call(IS_EMPTY);
    }

    @Override
    public boolean containsKey(Object key) {
        return (Boolean) call(CONTAINS_KEY, key);
    }

    @Override
    public boolean containsValue(Object value) {
        return (Boolean) call(CONTAINS_VALUE, value);
    }

    @Override
    public V get(Object key) {
        return (V) call(GET, key);
    }

    @Override
    public V put(K key, V value) {
        return (V) call(PUT, key, value);
    }

    @Override
    public V remove(Object key) {
        return (V) call(REMOVE, key);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        call(PUT_ALL, new LinkedHashMap<>(m));
    }

    @Override
    public void clear() {
        call(CLEAR);
    }

    /** @return an unmodifiable snapshot of the keys, taken in one round trip */
    @Override
    public Set<K> keySet() {
        return Collections.unmodifiableSet((Set<K>) call(KEY_SET));
    }

    /** @return an unmodifiable snapshot of the values, taken in one round trip */
    @Override
    public Collection<V> values() {
        return Collections.unmodifiableCollection((Collection<V>) call(VALUES));
    }

    /** @return an unmodifiable snapshot of the entries, taken in one round trip */
    @Override
    public Set<Entry<K, V>> entrySet() {
        return Collections.unmodifiableSet((Set<Entry<K, V>>) call(ENTRY_SET));
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        return (V) call(GET_OR_DEFAULT, key, defaultValue);
    }

    /** Runs {@code action} here, over a snapshot of the entries. */
    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        entrySet().forEach(e -> action.accept(e.getKey(), e.getValue()));
    }

    @Override
    public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
        call(REPLACE_ALL, Functions.serializable(function, "replaceAll", BI_FUNCTION));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return (V) call(PUT_IF_ABSENT, key, value);
    }

    @Override
    public boolean remove(Object key, Object value) {
        return (Boolean) call(REMOVE_VALUE, key, value);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        return (Boolean) call(REPLACE_IF, key, oldValue, newValue);
    }

    @Override
    public V replace(K key, V value) {
        return (V) call(REPLACE, key, value);
    }

    @Override
    public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
        return (V) call(COMPUTE_IF_ABSENT, key, Functions.serializable(mappingFunction, "computeIfAbsent",
                "(Function<K, V> & Serializable) k -> ..."));
    }

    @Override
    public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
        return (V) call(COMPUTE_IF_PRESENT, key, Functions.serializable(remappingFunction, "computeIfPresent",
                BI_FUNCTION));
    }

    @Override
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
        return (V) call(COMPUTE, key, Functions.serializable(remappingFunction, "compute", BI_FUNCTION));
    }

    @Override
    public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
        return (V) call(MERGE, key, value, Functions.serializable(remappingFunction, "merge",
                "(BiFunction<V, V, V> & Serializable) (a, b) -> ..."));
    }

    /** Equal to any map with the same entries, as {@link java.util.AbstractMap#equals} says; one round trip. */
    @Override
    public boolean equals(Object o) {
        if (o == this || sameObject(o)) {
            return true;
        }
        if (!(o instanceof Map<?, ?> other)) {
            return false;
        }
        return (Boolean) call(EQUALS, new LinkedHashMap<>(other));
    }

    @Override
    public int hashCode() {
        return (Integer) call(HASH_CODE);
    }

    @Override
    public String toString() {
        return (String) call(TO_STRING);
    }
}
