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
    /** Per thread: where departures go now (null: nowhere), and a list to reuse, so that a check costs no garbage. */
    private static final ThreadLocal<Scope> SCOPE = ThreadLocal.withInitial(Scope::new);

    private static final class Scope {
        List<Runnable> collecting;
        final ArrayList<Runnable> spare = new ArrayList<>();
    }

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
        List<Runnable> collecting = SCOPE.get().collecting;
        if (collecting != null) {
            collecting.add(release);
        }
    }

    /**
     * Runs {@code encoding}, then {@code check} on what it made; if either throws, the departures the encoding
     * caused are undone (nothing left), and the exception is thrown. Otherwise they go where they would have gone
     * without this call: to the scope collecting on this thread, if any. On the path of every put and send: one
     * thread-local look, no garbage.
     */
    public static <T> T checked(Supplier<T> encoding, Consumer<T> check) {
        Scope scope = SCOPE.get();
        List<Runnable> outer = scope.collecting;
        // the departures go to the outer scope, or to the spare list, which is emptied after; on failure, those
        // from the mark on are this encoding's to undo
        List<Runnable> into = outer != null ? outer : scope.spare;
        scope.collecting = into;
        int mark = into.size();
        try {
            T result = encoding.get();
            check.accept(result);
            return result;
        } catch (RuntimeException | Error e) {
            List<Runnable> mine = into.subList(mark, into.size());
            List.copyOf(mine).forEach(Runnable::run);
            mine.clear();
            throw e;
        } finally {
            if (outer == null) {
                scope.collecting = null;
                scope.spare.clear();
            }
        }
    }

    /**
     * Undoes, once, every departure in {@code releases} (a synchronized list that {@link #capturing} filled): the
     * receiver ended, or never came to be. Emptied under its lock before any undo runs, so two callers never undo one
     * departure twice.
     */
    public static void releaseAll(List<Runnable> releases) {
        List<Runnable> r;
        synchronized (releases) {
            r = List.copyOf(releases);
            releases.clear();
        }
        r.forEach(Runnable::run);
    }

    /**
     * Runs {@code work} (an encoding), adding to {@code releases} how to undo each departure it causes. If the work
     * fails, nothing departed: the departures it caused are undone at once.
     */
    public static <T> T capturing(List<Runnable> releases, Supplier<T> work) {
        Scope scope = SCOPE.get();
        List<Runnable> outer = scope.collecting;
        List<Runnable> mine = new ArrayList<>();
        scope.collecting = mine;
        try {
            T result = work.get();
            releases.addAll(mine);
            return result;
        } catch (RuntimeException | Error e) {
            mine.forEach(Runnable::run);
            throw e;
        } finally {
            scope.collecting = outer;
        }
    }
}
