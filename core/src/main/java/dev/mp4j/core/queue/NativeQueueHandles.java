package dev.mp4j.core.queue;

import dev.mp4j.MpException;
import dev.mp4j.core.link.Node;
import dev.mp4j.spi.NativeQueue;
import dev.mp4j.spi.NativeQueues;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This process's handles on a transport's native queues, one per queue however often it arrives here: this process
 * holds a queue from the first time it makes or receives it until its context closes, and the transport frees a
 * queue once no process holds it.
 */
final class NativeQueueHandles implements AutoCloseable {
    private final Node node;
    private final NativeQueues queues;
    private final Map<String, NativeQueue> held = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private NativeQueueHandles(Node node, NativeQueues queues) {
        this.node = node;
        this.queues = queues;
    }

    /** @return the node's handles, if its transport keeps queues itself */
    static NativeQueueHandles of(Node node) {
        return node.nativeQueues().map(q -> node.local(NativeQueueHandles.class, n -> new NativeQueueHandles(n, q))).orElse(null);
    }

    NativeQueueBackend create(int maxsize, boolean joinable) {
        NativeQueue q;
        try {
            q = queues.createQueue(Math.max(0, maxsize), joinable);
        } catch (IOException e) {
            throw new MpException("the '" + node.transportName() + "' transport cannot make a queue: " + e.getMessage(), e);
        }
        held.put(q.name(), q);
        return backend(q);
    }

    NativeQueueBackend attach(String name) throws InvalidObjectException {
        NativeQueue q = held.get(name);
        if (q == null) {
            try {
                q = held.computeIfAbsent(name, n -> {
                    try {
                        return queues.attachQueue(n);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                InvalidObjectException ex = new InvalidObjectException("cannot attach the queue '" + name + "' of the '"
                        + node.transportName() + "' transport: " + e.getCause().getMessage());
                ex.initCause(e.getCause());
                throw ex;
            }
        }
        return backend(q);
    }

    private NativeQueueBackend backend(NativeQueue q) {
        if (closed) {
            // attached while the context closed: let go at once, so that nothing is held past the close
            release(q);
        }
        return new NativeQueueBackend(node, q, () -> release(q));
    }

    private void release(NativeQueue q) {
        if (held.remove(q.name(), q)) {
            q.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        List.copyOf(held.values()).forEach(this::release);
    }
}
