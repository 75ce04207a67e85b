package dev.mp4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Tracks the pipe-end copies that leave this process while something is serialized. An end in flight counts
 * as an open copy until it attaches; when its receiver is known (a child process being started), the copies
 * are released if that receiver ends without attaching them, so a reader never waits forever for them.
 */
final class Handles {
    private static final ThreadLocal<List<Runnable>> SCOPE = new ThreadLocal<>();

    private Handles() {}

    static long newToken() {
        long t;
        do {
            t = ThreadLocalRandom.current().nextLong();
        } while (t == 0);
        return t;
    }

    /** Records how to release a copy in flight, if a scope is watching this thread. */
    static void onRelease(Runnable release) {
        List<Runnable> scope = SCOPE.get();
        if (scope != null) {
            scope.add(release);
        }
    }

    /** Runs {@code work}, collecting the release actions of every copy it serializes into {@code releases}. */
    static <T> T capturing(List<Runnable> releases, Supplier<T> work) {
        List<Runnable> outer = SCOPE.get();
        List<Runnable> mine = new ArrayList<>();
        SCOPE.set(mine);
        try {
            T result = work.get();
            releases.addAll(mine);
            return result;
        } catch (RuntimeException | Error e) {
            mine.forEach(Runnable::run);
            throw e;
        } finally {
            SCOPE.set(outer);
        }
    }
}
