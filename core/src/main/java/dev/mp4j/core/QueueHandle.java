package dev.mp4j.core;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;

/**
 * The serialized form of a queue: where it lives. Deserializing it gives a queue object over the same queue.
 *
 * @param transport the transport whose node owns the queue
 * @param owner     the owner's server address
 * @param queueId   the queue's id in the owner
 * @param maxsize   the bound; {@code <= 0} for none
 * @param joinable  whether it is a {@link dev.mp4j.JoinableQueue}
 */
record QueueHandle(String transport, String owner, long queueId, int maxsize, boolean joinable) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    @Serial
    private Object readResolve() throws ObjectStreamException {
        Node node = CoreContext.nodeFor(transport);
        QueueBackend backend;
        if (node.isOwnAddress(owner)) {
            if (!(node.owned(queueId) instanceof QueueState q)) {
                throw new InvalidObjectException("this queue no longer exists: the context that made it was closed");
            }
            backend = q;
        } else {
            backend = new RemoteQueue(node, node.peer(owner), this);
        }
        return joinable ? new JoinableQueueImpl<>(backend) : new PlainQueue<>(backend);
    }
}
