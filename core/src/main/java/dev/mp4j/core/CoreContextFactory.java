package dev.mp4j.core;

import dev.mp4j.Connection;
import dev.mp4j.Context;
import dev.mp4j.Process;
import dev.mp4j.ProcessInfo;
import dev.mp4j.runtime.ContextFactory;
import dev.mp4j.spi.TransportProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** mp4j-core's runtime, found by {@link dev.mp4j.Multiprocessing} through {@link java.util.ServiceLoader}. */
public final class CoreContextFactory implements ContextFactory {
    /** For {@link java.util.ServiceLoader}. */
    public CoreContextFactory() {}

    @Override
    public Context sharedContext(TransportProvider provider) {
        return CoreContext.shared(provider);
    }

    @Override
    public Optional<String> inheritedTransport() {
        return ProcessTree.inheritedTransport();
    }

    @Override
    public ProcessInfo currentProcess() {
        return ProcessTree.current();
    }

    @Override
    public Optional<ProcessInfo> parentProcess() {
        return ProcessTree.parent();
    }

    @Override
    public List<Process> activeChildren() {
        return ProcessTree.activeChildren();
    }

    @Override
    public List<Connection> waitAny(Collection<? extends Connection> connections, Duration timeout) throws InterruptedException {
        List<ConnectionImpl> conns = new ArrayList<>(connections.size());
        for (Connection c : connections) {
            if (!(c instanceof ConnectionImpl impl)) {
                throw new IllegalArgumentException("waitAny takes connections made by mp4j, not " + c);
            }
            impl.checkReadable();
            conns.add(impl);
        }
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
                if (timeout == null) {
                    signal.acquire();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !signal.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                        return List.of();
                    }
                }
                signal.drainPermits();
            }
        } finally {
            conns.forEach(c -> c.end().removeListener(wake));
        }
    }
}
