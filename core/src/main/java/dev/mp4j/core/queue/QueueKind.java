package dev.mp4j.core.queue;

import dev.mp4j.core.link.Caller;
import dev.mp4j.core.link.Kind;
import dev.mp4j.core.link.Wire;
import dev.mp4j.runtime.Token;

import java.io.Serial;
import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * Queues served by the process that made them, as a kind of owned object: their ops (client to owner; answers are
 * the link's replies), and the {@link Token} of a queue.
 *
 * <pre>
 * PUT        x = queue, z = handle key, payload; no reply (unbounded queues)
 * PUT_CALL   x = queue, y = request, z = wait ? 1 : 0, payload -> OK, or FALSE when full and not waiting
 * GET        x = queue, y = request, z = wait ? 1 : 0 -> OK + item, or FALSE when empty and not waiting
 * SIZE       x = queue, y = request -> OK, value = size
 * TASK_DONE  x = queue, y = request -> OK, or ERROR when nothing is unfinished
 * JOIN       x = queue, y = request -> OK once nothing is unfinished
 * ATTACH     x = queue, y = ticket (0: none), z = handle key, payload: the handle's window (a long; unbounded
 *            queues); no reply: a handle in the sender's process
 * DETACH     x = queue, z = handle key; no reply: that handle is gone
 * PENDING    x = queue, y = ticket, z = 1 if it is given back; no reply: a token the sender sent on is in flight
 *
 * owner -> client
 * CREDIT     x = the handle's key (its receiver id), y = bytes: items it put were taken ({@link dev.mp4j.core.link.SendWindow})
 * </pre>
 *
 * <p>The owner frees a queue once no process can reach it (see {@link QueueState}): no handle of the owner's own,
 * none attached from another process, and no token in flight. A token that leaves a process takes a ticket, which
 * the process that resolves it gives back as it attaches.
 */
final class QueueKind {
    /** The token kind of a queue its owner serves. */
    static final String TOKEN_KIND = "mp4j.queue";
    /** The token kind of a queue its transport keeps; the owner is the transport's name for it. */
    static final String NATIVE_TOKEN_KIND = Token.NATIVE_QUEUE_KIND;

    static final Kind KIND = new Kind(2, "queue", QueueKind::orphan);

    static final byte PUT = KIND.op(0);
    static final byte PUT_CALL = KIND.op(1);
    static final byte GET = KIND.op(2);
    static final byte SIZE = KIND.op(3);
    static final byte TASK_DONE = KIND.op(4);
    static final byte JOIN = KIND.op(5);
    static final byte ATTACH = KIND.op(6);
    static final byte DETACH = KIND.op(7);
    static final byte PENDING = KIND.op(8);
    static final byte CREDIT = KIND.op(9);

    private QueueKind() {}

    /**
     * Every call to a queue that is gone fails with a message; a frame without a reply (a put, the handle and
     * ticket notices) has nobody to tell.
     */
    private static void orphan(Caller from, byte op, ByteBuffer f) {
        if (op != PUT && op != ATTACH && op != DETACH && op != PENDING && op != CREDIT) {
            from.replyError(Wire.y(f), "the queue no longer exists: the context that made it was closed");
        }
    }

    /** What a queue's token holds besides where the queue lives. Not a record: see {@link Token}. */
    static final class QueueDetail implements Serializable {
        @Serial
        private static final long serialVersionUID = 3L;
        private final int maxsize;
        private final boolean joinable;
        private final long ticket;

        /** @param ticket the departure this token took, which its receiver gives back; 0 for none */
        QueueDetail(int maxsize, boolean joinable, long ticket) {
            this.maxsize = maxsize;
            this.joinable = joinable;
            this.ticket = ticket;
        }

        long ticket() {
            return ticket;
        }

        int maxsize() {
            return maxsize;
        }

        boolean joinable() {
            return joinable;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof QueueDetail d && d.maxsize == maxsize && d.joinable == joinable && d.ticket == ticket;
        }

        @Override
        public int hashCode() {
            return (31 * maxsize + Boolean.hashCode(joinable)) * 31 + Long.hashCode(ticket);
        }

        @Override
        public String toString() {
            return "QueueDetail[maxsize=" + maxsize + ", joinable=" + joinable + ", ticket=" + ticket + "]";
        }
    }

    static Token token(String transport, String owner, long queueId, int maxsize, boolean joinable, long ticket) {
        return new Token(TOKEN_KIND, transport, owner, queueId, new QueueDetail(maxsize, joinable, ticket));
    }

    /** @param ticket the departure this token took ({@link dev.mp4j.spi.NativeQueue#depart()}), as its id; 0 for none */
    static Token nativeToken(String transport, String name, long ticket) {
        return new Token(NATIVE_TOKEN_KIND, transport, name, ticket, null);
    }
}
