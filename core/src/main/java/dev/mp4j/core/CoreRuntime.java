package dev.mp4j.core;

import dev.mp4j.Multiprocessing;
import dev.mp4j.NoTransportException;
import dev.mp4j.core.link.Node;
import dev.mp4j.core.process.ProcessTree;
import dev.mp4j.runtime.Transports;
import dev.mp4j.shm.RuntimeExit;
import dev.mp4j.shm.SharedObjects;
import dev.mp4j.spi.TransportProvider;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runtime of this JVM: its place in the process tree, and the shared context of each transport it uses. The one
 * instance is made on first use and lives as long as the JVM; the tree's exit hook stops the spares, flushes, waits for
 * the children and closes the contexts, and only then may the shared-memory tree be cleaned up.
 */
final class CoreRuntime {
    private static final CoreRuntime THIS_JVM = new CoreRuntime(ProcessTree.get());

    private final ProcessTree tree;
    private final Map<String, CoreContext> shared = new ConcurrentHashMap<>();

    private CoreRuntime(ProcessTree tree) {
        this.tree = tree;
        CompletableFuture<Void> exited = new CompletableFuture<>();
        RuntimeExit.completesWith(exited);
        tree.atExit(this::beginExit, () -> {
            try {
                closeAll();
            } finally {
                exited.complete(null);
            }
        });
    }

    static CoreRuntime get() {
        return THIS_JVM;
    }

    ProcessTree tree() {
        return tree;
    }

    /** The shared context of a transport: the same one until it is closed, then a new one. */
    CoreContext shared(TransportProvider provider) {
        return shared.compute(provider.name(), (name, c) -> c == null || c.isClosed() ? new CoreContext(provider, tree, this::beforeChildStarts, this::forget, false) : c);
    }

    /**
     * The shared thread-backed context: the same one until it is closed, then a new one. Its objects are those of the
     * transport {@code mp4j.transport} (or {@code MP4J_TRANSPORT}) names, or of the available one with the highest
     * priority.
     */
    CoreContext threads() {
        return shared.compute(Multiprocessing.THREADS, (name, c) -> {
            if (c != null && !c.isClosed()) {
                return c;
            }
            String under = System.getProperty(Transports.TRANSPORT_PROPERTY, "").trim();
            if (under.isEmpty()) {
                under = Objects.requireNonNullElse(System.getenv(Transports.TRANSPORT_ENV), "").trim();
            }
            if (under.isEmpty() || under.equals(Multiprocessing.THREADS)) {
                under = Transports.available().stream().findFirst().orElseThrow(() -> new NoTransportException(
                        "the threads context keeps its queues and pipes in a transport, and none can run here: add "
                        + "dev.mp4j:mp4j-transport-shm (the default) or dev.mp4j:mp4j-transport-netty"));
            }
            // its processes share this JVM: before one starts and when it ends, what this JVM put reaches its queues
            return new CoreContext(Transports.provider(under), tree, this::flushAll, this::forget, true);
        });
    }

    /**
     * The shared context of the transport an object arriving from another process belongs to, opened here if this
     * process has not used that transport yet.
     */
    CoreContext context(String transport) {
        CoreContext c = shared.get(transport);
        return c != null && !c.isClosed() ? c : shared(Transports.provider(transport));
    }

    /**
     * The node to resolve an object on: the one of this process that owns it (the thread-backed context's node owns
     * what that context made, and an object of it that comes back must be the owner's own, not a link to itself),
     * else the node of the transport's shared context.
     */
    Node nodeFor(String transport, String owner) {
        for (CoreContext c : shared.values()) {
            if (!c.isClosed() && c.node().transportName().equals(transport) && c.node().isOwnAddress(owner)) {
                return c.node();
            }
        }
        return context(transport).node();
    }

    /** @return an open shared context of this process, or the default transport's, opened here */
    CoreContext anyContext() {
        for (CoreContext c : shared.values()) {
            if (!c.isClosed()) {
                return c;
            }
        }
        String name = Transports.defaultName();
        return name.equals(Multiprocessing.THREADS) ? threads() : context(name);
    }

    private void forget(CoreContext c) {
        shared.remove(c.transport(), c);
    }

    /**
     * Before a child starts: this process's pending puts reach their queues first, so that what it put before
     * starting the child is ahead of what the child puts; and the shared-memory tree is founded, so that the child
     * inherits it.
     */
    private void beforeChildStarts() {
        flushAll();
        SharedObjects.joinTree();
    }

    /**
     * At exit, before the children are waited for: no spare may start or warm up while the tree ends, and what this
     * process put reaches its queues.
     */
    private void beginExit() {
        shared.values().forEach(CoreContext::stopSpares);
        flushAll();
    }

    private void flushAll() {
        shared.values().forEach(CoreContext::flush);
    }

    private void closeAll() {
        List.copyOf(shared.values()).forEach(CoreContext::close);
    }
}
