package dev.mp4j.core.pipe;

import dev.mp4j.Connection;
import dev.mp4j.Pipe;
import dev.mp4j.core.link.Node;
import dev.mp4j.runtime.Token;

import java.io.InvalidObjectException;
import java.util.Set;

/**
 * Pipes as objects that cross processes: making a pipe on a node, and resolving the {@link Token} of a pipe end in
 * the receiving process, which attaches a new copy and consumes the pending ticket the sender took.
 */
public final class PipeTokens {
    /** The token kinds of a pipe end: of a pipe served by the process that made it, or kept by its transport. */
    public static final Set<String> KINDS = Set.of(PipeKind.TOKEN_KIND, PipeKind.NATIVE_TOKEN_KIND);

    private PipeTokens() {}

    /** Makes the node answer frames for pipes, also for those that are gone. */
    public static void serveOn(Node node) {
        node.serve(PipeKind.KIND);
    }

    /** Makes a pipe: kept by the transport where it has the native-queue capability, else owned by this node's process. */
    public static Pipe newPipe(Node node, boolean duplex) {
        NativePipeCopies natives = NativePipeCopies.of(node);
        if (natives != null) {
            NativeEnd[] ends = natives.create(duplex);
            return new PipeImpl(new ConnectionImpl(ends[0], 0, duplex), new ConnectionImpl(ends[1], 1, duplex));
        }
        PipeState state = node.register(PipeKind.KIND, id -> new PipeState(node, id, duplex));
        return new PipeImpl(new ConnectionImpl(new LocalEnd(state, 0), 0, duplex),
                new ConnectionImpl(new LocalEnd(state, 1), 1, duplex));
    }

    /**
     * Sends bytes through a pipe end made by this runtime without waiting at the high-water mark: for a sender whose
     * messages are bounded in number otherwise and which its reader waits for in turn (a pool's scheduler, which
     * also takes the workers' outcomes: waiting for a worker that waits for it would be a deadlock).
     */
    public static void sendWithoutWaiting(Connection c, byte[] message) {
        ((ConnectionImpl) c).sendBytesWithoutWaiting(message);
    }

    /** Attaches a new copy of the end a token names, in this process. */
    public static Connection resolve(Node node, Token t) throws InvalidObjectException {
        if (!(t.detail() instanceof PipeKind.EndDetail d) || d.end() < 0 || d.end() > 1) {
            throw new InvalidObjectException("a malformed pipe-end token: " + t);
        }
        End copy;
        if (t.kind().equals(PipeKind.NATIVE_TOKEN_KIND)) {
            NativePipeCopies natives = NativePipeCopies.of(node);
            if (natives == null) {
                throw new InvalidObjectException("the '" + t.transport() + "' transport keeps no pipes here");
            }
            copy = natives.attach(t.owner(), d.end(), d.ticket());
        } else if (node.isOwnAddress(t.owner())) {
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
