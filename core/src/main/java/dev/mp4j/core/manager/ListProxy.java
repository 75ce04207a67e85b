package dev.mp4j.core.manager;

import java.io.Serial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A proxy for a managed list (Python's {@code manager.list()}). Each method is one round trip; iterators,
 * streams and sub-lists are unmodifiable snapshots; {@code removeIf}, {@code replaceAll} and {@code sort} run
 * atomically in the manager with serializable functions; {@code equals}, {@code hashCode} and
 * {@code toString} are the managed list's.
 */
@SuppressWarnings("unchecked")
final class ListProxy<E> extends BaseProxy implements List<E> {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final String SIZE = Protocol.sig(List.class, "size");
    private static final String IS_EMPTY = Protocol.sig(List.class, "isEmpty");
    private static final String CONTAINS = Protocol.sig(List.class, "contains", Object.class);
    private static final String TO_ARRAY = Protocol.sig(List.class, "toArray");
    private static final String ADD = Protocol.sig(List.class, "add", Object.class);
    private static final String REMOVE = Protocol.sig(List.class, "remove", Object.class);
    private static final String CONTAINS_ALL = Protocol.sig(List.class, "containsAll", Collection.class);
    private static final String ADD_ALL = Protocol.sig(List.class, "addAll", Collection.class);
    private static final String ADD_ALL_AT = Protocol.sig(List.class, "addAll", int.class, Collection.class);
    private static final String REMOVE_ALL = Protocol.sig(List.class, "removeAll", Collection.class);
    private static final String RETAIN_ALL = Protocol.sig(List.class, "retainAll", Collection.class);
    private static final String REPLACE_ALL = Protocol.sig(List.class, "replaceAll", UnaryOperator.class);
    private static final String SORT = Protocol.sig(List.class, "sort", Comparator.class);
    private static final String REMOVE_IF = Protocol.sig(Collection.class, "removeIf", Predicate.class);
    private static final String CLEAR = Protocol.sig(List.class, "clear");
    private static final String EQUALS = Protocol.sig(List.class, "equals", Object.class);
    private static final String HASH_CODE = Protocol.sig(List.class, "hashCode");
    private static final String TO_STRING = Protocol.sig(Object.class, "toString");
    private static final String GET = Protocol.sig(List.class, "get", int.class);
    private static final String SET = Protocol.sig(List.class, "set", int.class, Object.class);
    private static final String ADD_AT = Protocol.sig(List.class, "add", int.class, Object.class);
    private static final String REMOVE_AT = Protocol.sig(List.class, "remove", int.class);
    private static final String INDEX_OF = Protocol.sig(List.class, "indexOf", Object.class);
    private static final String LAST_INDEX_OF = Protocol.sig(List.class, "lastIndexOf", Object.class);
    private static final String SUB_LIST = Protocol.sig(List.class, "subList", int.class, int.class);

    ListProxy(ManagerClient client, long id, String kind) {
        super(client, id, kind);
    }

    private List<E> snapshot() {
        return Collections.unmodifiableList(Arrays.asList((E[]) (Object[]) call(TO_ARRAY)));
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
    public boolean contains(Object o) {
        return (Boolean) call(CONTAINS, o);
    }

    /** @return an iterator over a snapshot taken in one round trip; it cannot remove */
    @Override
    public Iterator<E> iterator() {
        return snapshot().iterator();
    }

    @Override
    public Object[] toArray() {
        return (Object[]) call(TO_ARRAY);
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return snapshot().toArray(a);
    }

    @Override
    public boolean add(E e) {
        return (Boolean) call(ADD, e);
    }

    @Override
    public boolean remove(Object o) {
        return (Boolean) call(REMOVE, o);
    }

    @Override
    public boolean containsAll(Collection<?> c) {
        return (Boolean) call(CONTAINS_ALL, new ArrayList<>(c));
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        return (Boolean) call(ADD_ALL, new ArrayList<>(c));
    }

    @Override
    public boolean addAll(int index, Collection<? extends E> c) {
        return (Boolean) call(ADD_ALL_AT, index, new ArrayList<>(c));
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        return (Boolean) call(REMOVE_ALL, new ArrayList<>(c));
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        return (Boolean) call(RETAIN_ALL, new ArrayList<>(c));
    }

    @Override
    public void replaceAll(UnaryOperator<E> operator) {
        call(REPLACE_ALL, Functions.serializable(operator, "replaceAll", "(UnaryOperator<E> & Serializable) e -> ..."));
    }

    /** Sorts in the manager; a null comparator sorts by natural order. */
    @Override
    public void sort(Comparator<? super E> c) {
        call(SORT, c == null ? null : Functions.serializable(c, "sort",
                "(Comparator<E> & Serializable) (a, b) -> ..."));
    }

    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        return (Boolean) call(REMOVE_IF, Functions.serializable(filter, "removeIf",
                "(Predicate<E> & Serializable) e -> ..."));
    }

    @Override
    public void clear() {
        call(CLEAR);
    }

    @Override
    public E get(int index) {
        return (E) call(GET, index);
    }

    @Override
    public E set(int index, E element) {
        return (E) call(SET, index, element);
    }

    @Override
    public void add(int index, E element) {
        call(ADD_AT, index, element);
    }

    @Override
    public E remove(int index) {
        return (E) call(REMOVE_AT, index);
    }

    @Override
    public int indexOf(Object o) {
        return (Integer) call(INDEX_OF, o);
    }

    @Override
    public int lastIndexOf(Object o) {
        return (Integer) call(LAST_INDEX_OF, o);
    }

    /** @return a list iterator over a snapshot taken in one round trip; it cannot change the list */
    @Override
    public ListIterator<E> listIterator() {
        return snapshot().listIterator();
    }

    /** @return a list iterator over a snapshot taken in one round trip; it cannot change the list */
    @Override
    public ListIterator<E> listIterator(int index) {
        return snapshot().listIterator(index);
    }

    /** @return an unmodifiable snapshot of the range, taken in one round trip */
    @Override
    public List<E> subList(int fromIndex, int toIndex) {
        return Collections.unmodifiableList((List<E>) call(SUB_LIST, fromIndex, toIndex));
    }

    @Override
    public Spliterator<E> spliterator() {
        return snapshot().spliterator();
    }

    @Override
    public Stream<E> stream() {
        return snapshot().stream();
    }

    @Override
    public void forEach(Consumer<? super E> action) {
        snapshot().forEach(action);
    }

    /** Equal to any list with the same elements in the same order, as {@link List#equals} says; one round trip. */
    @Override
    public boolean equals(Object o) {
        if (o == this || sameObject(o)) {
            return true;
        }
        if (!(o instanceof List<?> other)) {
            return false;
        }
        return (Boolean) call(EQUALS, new ArrayList<>(other));
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
