package dev.mp4j.core.queue;

import dev.mp4j.core.link.Kind;
import dev.mp4j.core.link.ServedLink;
import dev.mp4j.core.link.Wire;

import java.nio.ByteBuffer;

/**
 * Queues served by the process that made them, as a kind of owned object, and their ops (client to owner; answers
 * are the link's replies):
 *
 * <pre>
 * PUT        x = queue, payload; no reply (unbounded queues)
 * PUT_CALL   x = queue, y = request, z = wait ? 1 : 0, payload -> OK, or FALSE when full and not waiting
 * GET        x = queue, y = request, z = wait ? 1 : 0 -> OK + item, or FALSE when empty and not waiting
 * SIZE       x = queue, y = request -> OK, value = size
 * TASK_DONE  x = queue, y = request -> OK, or ERROR when nothing is unfinished
 * JOIN       x = queue, y = request -> OK once nothing is unfinished
 * </pre>
 */
final class QueueKind {
    static final Kind KIND = new Kind(2, "queue", QueueKind::orphan);

    static final byte PUT = KIND.op(0);
    static final byte PUT_CALL = KIND.op(1);
    static final byte GET = KIND.op(2);
    static final byte SIZE = KIND.op(3);
    static final byte TASK_DONE = KIND.op(4);
    static final byte JOIN = KIND.op(5);

    private QueueKind() {}

    /** Every call to a queue that is gone fails with a message; a put without a reply has nobody to tell. */
    private static void orphan(ServedLink from, byte op, ByteBuffer f) {
        if (op != PUT) {
            from.replyError(Wire.y(f), "the queue no longer exists: the context that made it was closed");
        }
    }
}
