package dev.mp4j.core.queue;

import dev.mp4j.JoinableQueue;
import dev.mp4j.Queue;
import dev.mp4j.core.link.Node;
import dev.mp4j.runtime.Token;

import java.io.InvalidObjectException;

/**
 * Queues as objects that cross processes: making a queue on a node, and resolving the {@link Token} of a queue in
 * the receiving process: the owned queue itself in its owner, a client of it elsewhere.
 */
public final class QueueTokens {
    /** The token kind of a queue. */
    public static final String KIND = QueueKind.TOKEN_KIND;

    private QueueTokens() {}

    /**
     * Makes a queue owned by this node's process.
     *
     * @param maxsize the bound; {@code <= 0} for none
     * @param spin    whether a local taker spins before it parks; off for a thread that must not steal CPU (a
     *                pool's result thread, which shares the CPUs with the workers it waits for)
     */
    public static <E> Queue<E> newQueue(Node node, int maxsize, boolean spin) {
        return new PlainQueue<>(node.register(QueueKind.KIND, id -> new QueueState(node, id, Math.max(0, maxsize), false, spin)));
    }

    /** Makes a joinable queue owned by this node's process. */
    public static <E> JoinableQueue<E> newJoinableQueue(Node node, int maxsize) {
        return new JoinableQueueImpl<>(node.register(QueueKind.KIND, id -> new QueueState(node, id, Math.max(0, maxsize), true, true)));
    }

    /** @return the node the queue was made or attached through */
    public static Node nodeOf(Queue<?> queue) {
        if (!(queue instanceof BaseQueue<?> q)) {
            throw new IllegalArgumentException("not a queue made by mp4j-core: " + queue);
        }
        return q.backend.node();
    }

    /** A queue object over the queue a token names, in this process. */
    public static Queue<?> resolve(Node node, Token t) throws InvalidObjectException {
        if (!(t.detail() instanceof QueueKind.QueueDetail d)) {
            throw new InvalidObjectException("a malformed queue token: " + t);
        }
        QueueBackend backend;
        if (node.isOwnAddress(t.owner())) {
            if (!(node.owned(t.id()).orElse(null) instanceof QueueState q)) {
                throw new InvalidObjectException("this queue no longer exists: the context that made it was closed");
            }
            backend = q;
        } else {
            backend = new RemoteQueue(node, node.peer(t.owner()), t, d.maxsize());
        }
        return d.joinable() ? new JoinableQueueImpl<>(backend) : new PlainQueue<>(backend);
    }
}
