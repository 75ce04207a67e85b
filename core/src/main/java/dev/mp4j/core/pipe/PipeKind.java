package dev.mp4j.core.pipe;

import dev.mp4j.core.link.Caller;
import dev.mp4j.core.link.Kind;
import dev.mp4j.core.link.Wire;
import dev.mp4j.runtime.Token;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.nio.ByteBuffer;

/**
 * Pipes as a kind of owned object: their ops, and the {@link Token} of a pipe end. A copy key names a remote copy in its owner: copy id × 2 + end.
 *
 * <pre>
 * client -> owner                                   owner -> client (x = the copy's receiver id)
 * ATTACH   x = pipe, y = ticket, z = copy key,      DELIVER      payload: one message it asked for
 *          payload: the copy's window (a long)      EOF          the demand is answered with end of stream
 * SEND     x = pipe, y = sending end, z = copy key, PEER_CLOSED  every copy of the other end is closed
 *          payload                                  CREDIT       y = bytes: messages it sent were taken
 *                                                   TOO_LONG     y = length, z = the link's limit: the message it
 *                                                                asked for is longer than its link carries, and
 *                                                                was dropped
 * DEMAND   x = pipe, y = count, z = copy key
 * RETURN   x = pipe, y = end, payload: an unread message goes back to the front
 * DETACH   x = pipe, z = copy key
 * PENDING  x = pipe, y = ticket, z = end + (2 if released)
 * </pre>
 */
final class PipeKind {
    /** The token kind of a pipe end whose pipe its owner serves. */
    static final String TOKEN_KIND = "mp4j.pipe-end";
    /** The token kind of a pipe end whose pipe its transport keeps; the owner is the transport's name for it. */
    static final String NATIVE_TOKEN_KIND = "mp4j.native-pipe-end";

    static final Kind KIND = new Kind(1, "pipe", PipeKind::orphan);

    static final byte ATTACH = KIND.op(0);
    static final byte SEND = KIND.op(1);
    static final byte DEMAND = KIND.op(2);
    static final byte RETURN = KIND.op(3);
    static final byte DETACH = KIND.op(4);
    static final byte PENDING = KIND.op(5);
    static final byte DELIVER = KIND.op(8);
    static final byte EOF = KIND.op(9);
    static final byte PEER_CLOSED = KIND.op(10);
    static final byte CREDIT = KIND.op(11);
    static final byte TOO_LONG = KIND.op(12);

    private PipeKind() {}

    /** A copy that asks a pipe that is gone for a message gets end of stream; nothing else needs an answer. */
    private static void orphan(Caller from, byte op, ByteBuffer f) {
        if (op == DEMAND) {
            from.send(Wire.frame(EOF, Wire.z(f) >>> 1, 0, 0));
        }
    }

    /** What a pipe end's token holds besides where the pipe lives. Not a record: see {@link Token}. */
    static final class EndDetail implements Serializable {
        @Serial
        private static final long serialVersionUID = 2L;
        private final int end;
        private final boolean duplex;
        private final long ticket;

        EndDetail(int end, boolean duplex, long ticket) {
            this.end = end;
            this.duplex = duplex;
            this.ticket = ticket;
        }

        int end() {
            return end;
        }

        boolean duplex() {
            return duplex;
        }

        long ticket() {
            return ticket;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EndDetail d && d.end == end && d.duplex == duplex && d.ticket == ticket;
        }

        @Override
        public int hashCode() {
            return Objects.hash(end, duplex, ticket);
        }

        @Override
        public String toString() {
            return "EndDetail[end=" + end + ", duplex=" + duplex + ", ticket=" + ticket + "]";
        }
    }

    static Token token(String transport, String owner, long pipeId, int end, boolean duplex, long ticket) {
        return new Token(TOKEN_KIND, transport, owner, pipeId, new EndDetail(end, duplex, ticket));
    }

    static Token nativeToken(String transport, String name, int end, boolean duplex, long ticket) {
        return new Token(NATIVE_TOKEN_KIND, transport, name, 0, new EndDetail(end, duplex, ticket));
    }
}
