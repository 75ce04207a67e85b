package dev.mp4j.core.pipe;

import dev.mp4j.Connection;
import dev.mp4j.shm.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@link dev.mp4j.Connections#waitAny}: each end tells a shared semaphore when a message or end of stream may have
 * arrived, and the waiter polls every connection after each signal, so nothing is consumed and nothing is missed.
 * Ends whose transport keeps the messages itself cannot signal; with one of those the waiter looks every
 * millisecond.
 */
public final class WaitAny {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private WaitAny() {}

    /** As {@link dev.mp4j.Connections#waitAny}; the arguments are already checked for null and sign. */
    public static List<Connection> waitAny(Collection<? extends Connection> connections, Duration timeout)
            throws InterruptedException {
        List<ConnectionImpl> conns = new ArrayList<>(connections.size());
        for (Connection c : connections) {
            if (!(c instanceof ConnectionImpl impl)) {
                throw new IllegalArgumentException("waitAny takes connections made by mp4j, not " + c);
            }
            impl.checkReadable();
            conns.add(impl);
        }
        // ends that cannot tell when something arrives are polled, at this interval
        long pollNanos = conns.stream().allMatch(c -> c.end().notifies()) ? Long.MAX_VALUE : POLL_NANOS;
        Semaphore signal = new Semaphore(0);
        Runnable wake = signal::release;
        conns.forEach(c -> c.end().addListener(wake));
        try {
            long deadline = timeout == null ? 0 : System.nanoTime() + Durations.toNanos(timeout);
            while (true) {
                List<Connection> ready = new ArrayList<>();
                for (ConnectionImpl c : conns) {
                    if (c.poll()) {
                        ready.add(c);
                    }
                }
                if (!ready.isEmpty()) {
                    return ready;
                }
                long left = timeout == null ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                if (left == Long.MAX_VALUE && pollNanos == Long.MAX_VALUE) {
                    signal.acquire();
                } else {
                    signal.tryAcquire(Math.min(left, pollNanos), TimeUnit.NANOSECONDS);
                }
                signal.drainPermits();
            }
        } finally {
            conns.forEach(c -> c.end().removeListener(wake));
        }
    }
}
