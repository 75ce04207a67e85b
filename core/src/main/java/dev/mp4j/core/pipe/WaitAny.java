package dev.mp4j.core.pipe;

import dev.mp4j.Connection;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.shm.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@link dev.mp4j.Connections#waitAny} and {@link dev.mp4j.Connections#waitAnyOf}: whatever can tell when it may have
 * become ready tells a shared semaphore (a connection's end when a message or end of stream arrives, a process when it
 * ends), and the waiter looks at every object after each signal, so nothing is consumed and nothing is missed. What
 * cannot tell is looked at on a timer: a connection whose transport keeps the messages itself every millisecond, a
 * queue from every millisecond to every {@value #SLOWEST_QUEUE_POLL_MILLIS} ms as the wait goes on (asking whether a
 * queue another process owns is empty is a round trip).
 */
public final class WaitAny {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final int SLOWEST_QUEUE_POLL_MILLIS = 16;
    /**
     * The waiters to wake when a process ends: one completion stage per process for every wait on it, since a stage
     * added to {@link Process#onExit()} cannot be taken off again, and a loop of waits must not pile them up.
     */
    private static final Map<Process, Set<Runnable>> EXIT_WAITERS = new ConcurrentHashMap<>();

    private WaitAny() {}

    /** As {@link dev.mp4j.Connections#waitAny}; the arguments are already checked for null and sign. */
    @SuppressWarnings("unchecked")
    public static List<Connection> waitAny(Collection<? extends Connection> connections, Duration timeout)
            throws InterruptedException {
        return (List<Connection>) (List<?>) waitAnyOf(connections, timeout);
    }

    /** As {@link dev.mp4j.Connections#waitAnyOf}; the arguments are already checked for null and sign. */
    public static List<Object> waitAnyOf(Collection<?> objects, Duration timeout) throws InterruptedException {
        Semaphore signal = new Semaphore(0);
        Runnable wake = signal::release;
        List<Watched> watched = new ArrayList<>(objects.size());
        long pollNanos = Long.MAX_VALUE;
        boolean queues = false;
        for (Object o : objects) {
            if (o instanceof ConnectionImpl c) {
                c.checkReadable();
                watched.add(new Watched(c, c::poll));
                if (!c.end().notifies()) {
                    pollNanos = POLL_NANOS;
                }
            } else if (o instanceof Connection) {
                throw new IllegalArgumentException("waitAny takes connections made by mp4j, not " + o);
            } else if (o instanceof Process p) {
                try {
                    p.pid();
                } catch (IllegalStateException notStarted) {
                    throw new IllegalStateException("waitAnyOf cannot wait for " + p.name() + ": it was never started",
                            notStarted);
                }
                watched.add(new Watched(p, () -> p.exitCode().isPresent()));
            } else if (o instanceof Queue<?> q) {
                watched.add(new Watched(q, () -> !q.isEmpty()));
                queues = true;
            } else {
                throw new IllegalArgumentException("waitAnyOf takes Connections, Processes and Queues, not "
                        + (o == null ? "null" : "a " + o.getClass().getName()));
            }
        }
        List<ConnectionImpl> listened = new ArrayList<>();
        List<Process> awaited = new ArrayList<>();
        try {
            for (Watched w : watched) {
                if (w.object instanceof ConnectionImpl c) {
                    c.end().addListener(wake);
                    listened.add(c);
                } else if (w.object instanceof Process p) {
                    onExit(p, wake);
                    awaited.add(p);
                }
            }
            long queuePollNanos = POLL_NANOS;
            long deadline = timeout == null ? 0 : System.nanoTime() + Durations.toNanos(timeout);
            while (true) {
                List<Object> ready = new ArrayList<>();
                for (Watched w : watched) {
                    if (w.ready.getAsBoolean()) {
                        ready.add(w.object);
                    }
                }
                if (!ready.isEmpty()) {
                    return ready;
                }
                long left = timeout == null ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                long poll = queues ? Math.min(pollNanos, queuePollNanos) : pollNanos;
                if (left == Long.MAX_VALUE && poll == Long.MAX_VALUE) {
                    signal.acquire();
                } else {
                    signal.tryAcquire(Math.min(left, poll), TimeUnit.NANOSECONDS);
                }
                signal.drainPermits();
                queuePollNanos = Math.min(queuePollNanos * 2, TimeUnit.MILLISECONDS.toNanos(SLOWEST_QUEUE_POLL_MILLIS));
            }
        } finally {
            listened.forEach(c -> c.end().removeListener(wake));
            for (Process p : awaited) {
                Set<Runnable> waiters = EXIT_WAITERS.get(p);
                if (waiters != null) {
                    waiters.remove(wake);
                }
            }
        }
    }

    /**
     * Runs {@code wake} when the process ends, unless it is taken off first. A process that ended before it is added
     * may not run it: the caller looks at the process after adding it, and sees it ended.
     */
    private static void onExit(Process p, Runnable wake) {
        Set<Runnable> fresh = ConcurrentHashMap.newKeySet();
        Set<Runnable> waiters = EXIT_WAITERS.putIfAbsent(p, fresh);
        if (waiters == null) {
            waiters = fresh;
            p.onExit().thenRun(() -> {
                EXIT_WAITERS.remove(p, fresh);
                fresh.forEach(Runnable::run);
            });
        }
        waiters.add(wake);
    }

    private record Watched(Object object, BooleanSupplier ready) {}
}
