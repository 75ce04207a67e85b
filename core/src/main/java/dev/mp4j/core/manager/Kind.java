package dev.mp4j.core.manager;

/** What a managed object is, which says how the server calls it and what proxy a client makes for it. */
enum Kind {
    DICT(java.util.Map.class, true),
    LIST(java.util.List.class, true),
    NAMESPACE(dev.mp4j.Namespace.class, true),
    QUEUE(dev.mp4j.Queue.class, false),
    JOINABLE_QUEUE(dev.mp4j.JoinableQueue.class, false),
    LOCK(dev.mp4j.Lock.class, false),
    RLOCK(dev.mp4j.RLock.class, false),
    SEMAPHORE(dev.mp4j.Semaphore.class, false),
    EVENT(dev.mp4j.Event.class, false),
    CONDITION(dev.mp4j.Condition.class, false),
    BARRIER(dev.mp4j.Barrier.class, false),
    /** A user's object, called through an interface named with it. */
    OBJECT(null, false);

    final Class<?> iface;
    /** Plain data: calls run one at a time under the object's monitor, and views are copied out. */
    final boolean data;

    Kind(Class<?> iface, boolean data) {
        this.iface = iface;
        this.data = data;
    }
}
