package dev.mp4j.core.pipe;

import dev.mp4j.MpException;
import dev.mp4j.core.link.Node;
import dev.mp4j.spi.NativePipe;
import dev.mp4j.spi.NativeQueues;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The copies of native pipe ends this process holds on a node, so that those still open when its context closes
 * are closed then: threads blocked in them return, and the other ends see end of stream at once rather than when
 * this process is found dead.
 */
final class NativePipeCopies implements AutoCloseable {
    private final Node node;
    private final NativeQueues pipes;
    /** By identity: {@link NativeEnd} does not override equals. */
    private final Set<NativeEnd> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private NativePipeCopies(Node node, NativeQueues pipes) {
        this.node = node;
        this.pipes = pipes;
    }

    /** @return the node's copies, if its transport keeps pipes itself */
    static NativePipeCopies of(Node node) {
        return node.nativeQueues().map(q -> node.local(NativePipeCopies.class, n -> new NativePipeCopies(n, q))).orElse(null);
    }

    NativeEnd[] create(boolean duplex) {
        NativePipe[] ends;
        try {
            ends = pipes.createPipe(duplex);
        } catch (IOException e) {
            throw new MpException("the '" + node.transportName() + "' transport cannot make a pipe: " + e.getMessage(), e);
        }
        return new NativeEnd[] {hold(ends[0]), hold(ends[1])};
    }

    NativeEnd attach(String name, int end, long ticket) throws InvalidObjectException {
        try {
            return hold(pipes.attachPipe(name, end, ticket));
        } catch (IOException e) {
            InvalidObjectException ex = new InvalidObjectException("cannot attach an end of the pipe '" + name + "' of the '"
                    + node.transportName() + "' transport: " + e.getMessage());
            ex.initCause(e);
            throw ex;
        }
    }

    private NativeEnd hold(NativePipe p) {
        NativeEnd[] self = new NativeEnd[1];
        NativeEnd end = new NativeEnd(node, p, () -> open.remove(self[0]));
        self[0] = end;
        open.add(end);
        if (closed) {
            // attached while the context closed: nothing may stay held past the close
            end.close();
        }
        return end;
    }

    @Override
    public void close() {
        closed = true;
        List.copyOf(open).forEach(NativeEnd::close);
    }
}
