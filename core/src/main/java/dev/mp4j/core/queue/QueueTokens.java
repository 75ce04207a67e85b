package dev.mp4j.core.queue;

import dev.mp4j.JoinableQueue;
import dev.mp4j.Queue;
import dev.mp4j.core.link.Node;
import dev.mp4j.runtime.Token;

import java.io.InvalidObjectException;
import java.util.Set;

/**
 * Queues as objects that cross processes: making a queue on a node, and resolving the {@link Token} of a queue in
 * the receiving process: the owned queue itself in its owner, a client of it elsewhere.
 */
public final class QueueTokens {
    /** The token kinds of a queue: served by the process that made it, or kept by its transport. */
    public static final Set<String> KINDS = Set.of(QueueKind.TOKEN_KIND, QueueKind.NATIVE_TOKEN_KIND);

    private QueueTokens() {}

    /** Makes the node answer frames for queues, also for those that are gone. */
    public static void serveOn(Node node) {
        node.serve(QueueKind.KIND);
    }

    /**
     * Makes a queue: kept by the transport where it has the native-queue capability, else owned and served by this
     * node's process.
     *
     * @param maxsize the bound; {@code <= 0} for none
     * @param spin    whether a local taker spins before it parks; off for a thread that must not steal CPU (a
     *                pool's result thread, which shares the CPUs with the workers it waits for)
     */
    public static <E> Queue<E> newQueue(Node node, int maxsize, boolean spin) {
        NativeQueueHandles natives = NativeQueueHandles.of(node);
        return new PlainQueue<>(natives != null ? natives.create(maxsize, false)
                : node.register(QueueKind.KIND, id -> new QueueState(node, id, Math.max(0, maxsize), false, spin)));
    }

    /** Makes a joinable queue: kept by the transport if it can, else owned by this node's process. */
    public static <E> JoinableQueue<E> newJoinableQueue(Node node, int maxsize) {
        NativeQueueHandles natives = NativeQueueHandles.of(node);
        return new JoinableQueueImpl<>(natives != null ? natives.create(maxsize, true)
                : node.register(QueueKind.KIND, id -> new QueueState(node, id, Math.max(0, maxsize), true, true)));
    }

    /**
     * Lets go of a queue the runtime made for its own use (a pool's outcomes), once nothing in this process will use
     * it again.
     */
    public static void release(Queue<?> queue) {
        backendOf(queue).release();
    }

    private static QueueBackend backendOf(Queue<?> queue) {
        if (!(queue instanceof BaseQueue<?> q)) {
            throw new IllegalArgumentException("not a queue made by mp4j-core: " + queue);
        }
        return q.backend;
    }

    /** @return the node the queue was made or attached through */
    public static Node nodeOf(Queue<?> queue) {
        return backendOf(queue).node();
    }

    /** A queue object over the queue a token names, in this process. */
    public static Queue<?> resolve(Node node, Token t) throws InvalidObjectException {
        if (t.kind().equals(QueueKind.NATIVE_TOKEN_KIND)) {
            NativeQueueHandles natives = NativeQueueHandles.of(node);
            if (natives == null) {
                throw new InvalidObjectException("the '" + t.transport() + "' transport keeps no queues here");
            }
            NativeQueueBackend backend = natives.attach(t.owner(), t.id());
            return backend.joinable() ? new JoinableQueueImpl<>(backend) : new PlainQueue<>(backend);
        }
        if (!(t.detail() instanceof QueueKind.QueueDetail d)) {
            throw new InvalidObjectException("a malformed queue token: " + t);
        }
        if (node.isOwnAddress(t.owner())) {
            if (!(node.owned(t.id()).orElse(null) instanceof QueueState q)) {
                throw new InvalidObjectException("this queue no longer exists: the context that made it was closed");
            }
            Queue<?> handle = d.joinable() ? new JoinableQueueImpl<>(q) : new PlainQueue<>(q);
            q.ticketReturned(d.ticket()); // after the handle was counted: the queue is never unreachable between
            return handle;
        }
        RemoteQueue backend = RemoteQueue.attach(node, t, d);
        return d.joinable() ? new JoinableQueueImpl<>(backend) : new PlainQueue<>(backend);
    }
}
