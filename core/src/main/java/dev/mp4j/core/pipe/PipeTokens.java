package dev.mp4j.core.pipe;

import dev.mp4j.Connection;
import dev.mp4j.Pipe;
import dev.mp4j.core.link.Node;
import dev.mp4j.runtime.Token;

import java.io.InvalidObjectException;

/**
 * Pipes as objects that cross processes: making a pipe on a node, and resolving the {@link Token} of a pipe end in
 * the receiving process, which attaches a new copy and consumes the pending ticket the sender took.
 */
public final class PipeTokens {
    /** The token kind of a pipe end. */
    public static final String KIND = PipeKind.TOKEN_KIND;

    private PipeTokens() {}

    /** Makes a pipe owned by this node's process. */
    public static Pipe newPipe(Node node, boolean duplex) {
        PipeState state = node.register(PipeKind.KIND, id -> new PipeState(node, id, duplex));
        return new PipeImpl(new ConnectionImpl(new LocalEnd(state, 0), 0, duplex),
                new ConnectionImpl(new LocalEnd(state, 1), 1, duplex));
    }

    /** Attaches a new copy of the end a token names, in this process. */
    public static Connection resolve(Node node, Token t) throws InvalidObjectException {
        if (!(t.detail() instanceof PipeKind.EndDetail d) || d.end() < 0 || d.end() > 1) {
            throw new InvalidObjectException("a malformed pipe-end token: " + t);
        }
        End copy;
        if (node.isOwnAddress(t.owner())) {
            if (!(node.owned(t.id()).orElse(null) instanceof PipeState pipe)) {
                throw new InvalidObjectException("this pipe no longer exists: every copy of both ends was closed");
            }
            pipe.attachLocal(d.end(), d.ticket());
            copy = new LocalEnd(pipe, d.end());
        } else {
            copy = RemoteEnd.attach(node, t.owner(), t.id(), d.end(), d.duplex(), d.ticket());
        }
        return new ConnectionImpl(copy, d.end(), d.duplex());
    }
}
