package dev.mp4j.core.manager;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What one client thread holds in the manager, kept by the manager thread that serves its connection: the locks
 * it locked and the semaphore permits it took. When the connection ends (the thread or its process is gone),
 * {@link #end()} releases them, on that same manager thread, which owns the locks.
 */
final class Session {
    private static final ThreadLocal<Session> CURRENT = new ThreadLocal<>();
    private final Map<ServedLock, Boolean> locks = new IdentityHashMap<>();
    private final Map<ServedSemaphore, Integer> permits = new IdentityHashMap<>();

    static Session current() {
        return CURRENT.get();
    }

    void enter() {
        CURRENT.set(this);
    }

    void locked(ServedLock lock) {
        locks.put(lock, Boolean.TRUE);
    }

    void unlocked(ServedLock lock) {
        locks.remove(lock);
    }

    void acquired(ServedSemaphore s) {
        permits.merge(s, 1, Integer::sum);
    }

    /** @return whether this session had a permit of {@code s} to give back */
    boolean released(ServedSemaphore s) {
        Integer n = permits.get(s);
        if (n == null) {
            return false;
        }
        if (n == 1) {
            permits.remove(s);
        } else {
            permits.put(s, n - 1);
        }
        return true;
    }

    void end() {
        locks.keySet().forEach(ServedLock::releaseAll);
        locks.clear();
        permits.forEach(ServedSemaphore::giveBack);
        permits.clear();
        CURRENT.remove();
    }
}
