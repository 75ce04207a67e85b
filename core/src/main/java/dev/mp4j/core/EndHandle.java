package dev.mp4j.core;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;

/**
 * The serialized form of a pipe end: where its pipe lives and which end it is. Deserializing it attaches a
 * new copy in the receiving process, consuming the pending token the sender registered.
 *
 * @param transport the transport whose node owns the pipe
 * @param owner     the owner's server address
 * @param pipeId    the pipe's id in the owner
 * @param end       0 (left) or 1 (right)
 * @param duplex    whether the pipe is duplex
 * @param token     the pending copy this handle stands for
 */
record EndHandle(String transport, String owner, long pipeId, int end, boolean duplex, long token) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    @Serial
    private Object readResolve() throws ObjectStreamException {
        Node node = CoreContext.nodeFor(transport);
        End copy;
        if (node.isOwnAddress(owner)) {
            if (!(node.owned(pipeId) instanceof PipeState pipe)) {
                throw new InvalidObjectException("this pipe no longer exists: every copy of both ends was closed");
            }
            pipe.attachLocal(end, token);
            copy = new LocalEnd(pipe, end);
        } else {
            copy = node.attachRemote(this);
        }
        return new ConnectionImpl(copy, end, duplex);
    }
}
