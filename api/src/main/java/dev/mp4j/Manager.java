package dev.mp4j;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A server process that holds objects and lets other processes use them through proxies: Python's
 * {@code multiprocessing.Manager()} and {@code BaseManager}. Made by {@link Context#manager()} (a manager
 * process, a child of this one), {@link Managers#serve} (a manager in this JVM) or {@link Managers#connect}
 * (a manager somewhere else, reached by address and authkey).
 *
 * <p><b>Proxies.</b> Each factory makes an object in the manager and returns a proxy for it. Every call on a
 * proxy is one round trip to the manager, made by the calling thread on a connection of its own (as in
 * Python, each thread has its own connection, so a thread blocked in {@link Lock#lock()} holds up no other
 * thread). Arguments and results cross by copy: changing what {@code get} returned changes nothing in the
 * manager, unless it is itself a proxy. Proxies are {@link java.io.Serializable}: captured by a task, sent
 * through a pipe or queue, or stored in another managed object (a list inside a dict), they reach the same
 * object. A process that receives a proxy must know the manager's authkey: the key never travels with the
 * proxy. Every process of the tree knows the tree's authkey, the default; a process that is not in the tree,
 * or a manager served with a key of its own, needs a {@link Managers#connect} to that address first. A child
 * started afterwards gets the keys its parent knows with its task, over the same private channel as the tree's
 * key, so a task may capture any proxy its parent holds.
 *
 * <p><b>Lifetime.</b> A managed object lives while some process holds a proxy for it (counted as Python does;
 * a proxy is counted from when it is made or received until it is garbage-collected); a process that ends or
 * dies drops its references, and the locks it held and the semaphore permits it took are released. Objects
 * exposed by name ({@link ManagerOptions#expose}) live as long as the manager.
 *
 * <p><b>Failure.</b> An exception thrown by the managed object reaches the caller as itself: its type and
 * message, with the manager's stack trace as its cause. When the manager is gone (shut down, killed, or
 * unreachable), every call throws {@link MpException} naming its address, within two seconds; nothing hangs
 * on a dead manager.
 *
 * <p><b>Blocking.</b> A proxy's blocking methods ({@link Queue#take()}, {@link Lock#lock()},
 * {@link Semaphore#acquire()}, {@link Event#await()}, {@link Condition#await()}) wait in the manager in slices
 * of at most 100 ms, and notice an interrupt between slices, so an interrupt takes effect within 100 ms and
 * never breaks the thread's connection. {@link Barrier#await()} and {@link JoinableQueue#join()} wait in one
 * piece and are not interruptible.
 *
 * <p>Memory consistency effects: a call on a proxy happens-before the manager runs it, and the manager's run
 * happens-before the call returns; calls on one managed object by any processes are linearizable, in the
 * order the manager ran them.
 *
 * <p>A {@code Manager} is safe for use by several threads. It is not serializable; its proxies are.
 */
public interface Manager extends AutoCloseable {
    /**
     * @return a proxy for a new, empty map in the manager, keeping insertion order as Python's dict does. It
     *         implements the whole {@link Map}; see {@link #dict(Map)} for what differs from a local map.
     */
    <K, V> Map<K, V> dict();

    /**
     * A proxy for a new map in the manager, filled with a copy of {@code initial}. Each method is one round
     * trip. Views and iterators ({@code keySet}, {@code values}, {@code entrySet}, {@code forEach}) are
     * snapshots taken in one round trip: changing them does not change the managed map.
     * {@code compute}, {@code computeIfAbsent}, {@code computeIfPresent}, {@code merge} and
     * {@code replaceAll} run atomically in the manager; their function is sent there, so it must be
     * serializable. {@code equals}, {@code hashCode} and {@code toString} are the managed map's.
     *
     * @throws IllegalArgumentException if a key or value cannot be serialized
     */
    <K, V> Map<K, V> dict(Map<? extends K, ? extends V> initial);

    /** @return a proxy for a new, empty list in the manager; see {@link #list(Collection)} */
    <E> List<E> list();

    /**
     * A proxy for a new list in the manager, holding a copy of {@code initial}. It implements the whole
     * {@link List}. Each method is one round trip; {@code iterator}, {@code listIterator}, {@code subList},
     * {@code stream} and {@code forEach} work on a snapshot taken in one round trip. {@code removeIf} and
     * {@code replaceAll} run atomically in the manager with a serializable function.
     *
     * @throws IllegalArgumentException if an element cannot be serialized
     */
    <E> List<E> list(Collection<? extends E> initial);

    /** @return a proxy for a new, empty namespace: Python's {@code manager.Namespace()} */
    Namespace namespace();

    /** @return a proxy for a new unbounded queue in the manager */
    <E> Queue<E> queue();

    /**
     * @param maxsize the most items the queue holds; {@code <= 0} for unbounded
     * @return a proxy for a new queue in the manager; {@link Queue#put} returns once the item is in it
     */
    <E> Queue<E> queue(int maxsize);

    /** @return a proxy for a new unbounded joinable queue in the manager */
    <E> JoinableQueue<E> joinableQueue();

    /** @return a proxy for a new non-reentrant lock in the manager, owned by the thread that locks it */
    Lock lock();

    /** @return a proxy for a new reentrant lock in the manager */
    RLock rlock();

    /**
     * @return a proxy for a new semaphore in the manager
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    Semaphore semaphore(int permits);

    /**
     * @return a proxy for a new semaphore whose release refuses to exceed {@code permits}
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    Semaphore boundedSemaphore(int permits);

    /** @return a proxy for a new event in the manager, cleared */
    Event event();

    /** @return a proxy for a new condition over a new reentrant lock in the manager */
    Condition condition();

    /**
     * @return a proxy for a new barrier in the manager, with no action and no default timeout
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    Barrier barrier(int parties);

    /**
     * Makes any object in the manager and returns a proxy that implements {@code iface}: each call of an
     * interface method runs there (Python's {@code BaseManager.register}). Arguments and results cross by copy,
     * so they must be serializable; default methods of {@code iface} run in the manager too.
     *
     * @param iface   an interface, on the class path of the manager and of every process that uses the proxy
     * @param factory run once, in the manager, to make the object
     * @throws IllegalArgumentException if {@code iface} is not an interface, or the factory cannot be serialized
     * @throws ClassCastException       if the factory's object does not implement {@code iface}
     */
    <T> T create(Class<T> iface, SerializableSupplier<? extends T> factory);

    /**
     * @return a proxy for the object the manager exposes under {@code name} ({@link ManagerOptions#expose})
     * @throws java.util.NoSuchElementException if the manager exposes nothing under that name
     * @throws ClassCastException               if that object does not implement {@code iface}
     */
    <T> T get(String name, Class<T> iface);

    /** @return where {@link Managers#connect} reaches this manager: {@code tcp://HOST:PORT} or {@code unix:/path} */
    String address();

    /**
     * Stops the manager: its objects are dropped, its connections closed, and every proxy's calls then throw
     * {@link MpException}. A manager process started by {@link Context#manager()} exits. Idempotent.
     */
    void shutdown();

    /**
     * For a manager this process started ({@link Context#manager()}, {@link Managers#serve}):
     * {@link #shutdown()}. For one reached with {@link Managers#connect}: closes this process's connections and
     * leaves the manager running. Idempotent.
     */
    @Override
    void close();
}
