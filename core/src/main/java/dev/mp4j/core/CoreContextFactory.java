package dev.mp4j.core;

import dev.mp4j.Connection;
import dev.mp4j.Context;
import dev.mp4j.Manager;
import dev.mp4j.ManagerOptions;
import dev.mp4j.Multiprocessing;
import dev.mp4j.core.manager.ManagerImpl;
import dev.mp4j.core.process.ThreadProcess;
import dev.mp4j.Process;
import dev.mp4j.ProcessInfo;
import dev.mp4j.core.pipe.WaitAny;
import dev.mp4j.runtime.ContextFactory;
import dev.mp4j.spi.TransportProvider;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** mp4j-core's runtime, found by {@link dev.mp4j.Multiprocessing} through {@link java.util.ServiceLoader}. */
public final class CoreContextFactory implements ContextFactory {
    /** For {@link java.util.ServiceLoader}. */
    public CoreContextFactory() {}

    @Override
    public Context sharedContext(TransportProvider provider) {
        CoreContext c = CoreRuntime.get().shared(provider);
        c.prestartSpares();
        return c;
    }

    @Override
    public Context threadsContext() {
        return CoreRuntime.get().threads();
    }

    /** In a thread-backed process, as in a child: the context that started it. */
    @Override
    public Optional<String> inheritedTransport() {
        return ThreadProcess.current().isPresent() ? Optional.of(Multiprocessing.THREADS) : CoreRuntime.get().tree().inheritedTransport();
    }

    @Override
    public ProcessInfo currentProcess() {
        return ThreadProcess.current().map(ThreadProcess::info).orElseGet(() -> CoreRuntime.get().tree().current());
    }

    @Override
    public Optional<ProcessInfo> parentProcess() {
        Optional<ThreadProcess> t = ThreadProcess.current();
        return t.isPresent() ? Optional.of(t.get().parentInfo()) : CoreRuntime.get().tree().parent();
    }

    @Override
    public List<Process> activeChildren() {
        return ThreadProcess.current().map(ThreadProcess::activeChildren).orElseGet(() -> CoreRuntime.get().tree().activeChildren());
    }

    @Override
    public List<Connection> waitAny(Collection<? extends Connection> connections, Duration timeout) throws InterruptedException {
        return WaitAny.waitAny(connections, timeout);
    }

    @Override
    public List<Object> waitAnyOf(Collection<?> objects, Duration timeout) throws InterruptedException {
        return WaitAny.waitAnyOf(objects, timeout);
    }

    @Override
    public Manager serveManager(ManagerOptions options) {
        return ManagerImpl.serve(options);
    }

    @Override
    public Manager connectManager(String address, byte[] authkey) {
        return ManagerImpl.connect(address, authkey);
    }
}
