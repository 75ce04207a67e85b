package dev.mp4j.core.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What leaves this process when an object is encoded. Some objects count their copies across processes (a pipe
 * end, so that its reader sees end of stream only once every copy is closed): a copy in flight counts as open
 * until the receiver attaches it. When the receiver is known — a child process being started — the sender collects
 * how to undo each departure, and undoes them if that receiver ends without attaching, so that a reader never waits
 * forever for a copy that will never arrive.
 */
public final class Departures {
    private static final ThreadLocal<List<Runnable>> SCOPE = new ThreadLocal<>();

    private Departures() {}

    /** @return a random, non-zero ticket that names one departing copy */
    public static long newTicket() {
        long t;
        do {
            t = ThreadLocalRandom.current().nextLong();
        } while (t == 0);
        return t;
    }

    /** Records how to undo a departure, if a scope on this thread is collecting them; otherwise does nothing. */
    public static void onRelease(Runnable release) {
        List<Runnable> scope = SCOPE.get();
        if (scope != null) {
            scope.add(release);
        }
    }

    /**
     * Runs {@code encoding}, then {@code check} on what it made; if the check throws, the departures the encoding
     * caused are undone (nothing left), and the check's exception is thrown. Otherwise they go where they would have
     * gone without this call: to the scope collecting on this thread, if any.
     */
    public static <T> T checked(Supplier<T> encoding, Consumer<T> check) {
        List<Runnable> releases = new ArrayList<>();
        T result = capturing(releases, encoding);
        try {
            check.accept(result);
        } catch (RuntimeException | Error e) {
            releases.forEach(Runnable::run);
            throw e;
        }
        List<Runnable> scope = SCOPE.get();
        if (scope != null) {
            scope.addAll(releases);
        }
        return result;
    }

    /**
     * Runs {@code work} (an encoding), adding to {@code releases} how to undo each departure it causes. If the work
     * fails, nothing departed: the departures it caused are undone at once.
     */
    public static <T> T capturing(List<Runnable> releases, Supplier<T> work) {
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
