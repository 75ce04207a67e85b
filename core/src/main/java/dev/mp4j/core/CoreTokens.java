package dev.mp4j.core;

import dev.mp4j.core.link.Node;
import dev.mp4j.core.pipe.PipeTokens;
import dev.mp4j.core.queue.QueueTokens;
import dev.mp4j.runtime.Token;
import dev.mp4j.runtime.TokenResolver;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.util.HashSet;
import java.util.Set;

/**
 * Resolves the tokens of the objects core makes — queues and pipe ends — on the node of this process that owns them,
 * or else on the node of their transport's shared context. Found with {@link java.util.ServiceLoader}.
 */
public final class CoreTokens implements TokenResolver {
    /** For {@link java.util.ServiceLoader}. */
    public CoreTokens() {}

    @Override
    public Set<String> kinds() {
        Set<String> kinds = new HashSet<>(QueueTokens.KINDS);
        kinds.addAll(PipeTokens.KINDS);
        return Set.copyOf(kinds);
    }

    @Override
    public Object resolve(Token token) throws ObjectStreamException {
        // a transport that cannot run here throws NoTransportException, which reaches the reader as itself
        Node node = CoreRuntime.get().nodeFor(token.transport(), token.owner());
        if (QueueTokens.KINDS.contains(token.kind())) {
            return QueueTokens.resolve(node, token);
        }
        if (PipeTokens.KINDS.contains(token.kind())) {
            return PipeTokens.resolve(node, token);
        }
        throw new InvalidObjectException("mp4j-core does not resolve kind " + token.kind());
    }
}
