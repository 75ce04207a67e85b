package dev.mp4j.core;

import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The owner's side of a link from another process: it challenges the other side, then hands each frame to
 * the object it names. When the link closes (the other process closed it, or died), every object it touched
 * forgets that process's copies, waits and requests.
 */
final class ServedLink implements FrameHandler {
    private final Node node;
    private final FrameLink link;
    private final byte[] challenge = Handshake.nonce();
    private final Set<LinkAware> touched = ConcurrentHashMap.newKeySet();
    private boolean authenticated;

    /** An owned object that keeps per-link state and must drop it when the link closes. */
    interface LinkAware {
        void linkClosed(ServedLink link);
    }

    ServedLink(Node node, FrameLink link) {
        this.node = node;
        this.link = link;
        link.send(Wire.frame(Wire.AUTH_CHALLENGE, 0, 0, 0, challenge));
    }

    void touch(LinkAware object) {
        touched.add(object);
    }

    void send(ByteBuffer frame) {
        link.send(frame);
    }

    void reply(long requestId, long status, long value, byte[] payload) {
        link.send(Wire.frame(Wire.REPLY, requestId, status, value, payload));
    }

    void reply(long requestId, long status) {
        link.send(Wire.frame(Wire.REPLY, requestId, status, 0));
    }

    void replyError(long requestId, String message) {
        reply(requestId, Wire.ERROR, 0, message.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onFrame(FrameLink l, ByteBuffer f) {
        if (!Wire.wellFormed(f)) {
            l.close();
            return;
        }
        byte op = Wire.op(f);
        if (!authenticated) {
            byte[] answer = Wire.payload(f);
            if (op == Wire.AUTH_RESPONSE && answer.length == Handshake.MAC + Handshake.NONCE
                    && Handshake.verify(ProcessTree.authkey(), challenge, answer, 0)) {
                authenticated = true;
                byte[] theirs = java.util.Arrays.copyOfRange(answer, Handshake.MAC, answer.length);
                l.send(Wire.frame(Wire.AUTH_WELCOME, 0, 0, 0, Handshake.mac(ProcessTree.authkey(), theirs)));
            } else {
                l.send(Wire.frame(Wire.AUTH_FAILURE, 0, 0, 0));
                l.close();
            }
            return;
        }
        long x = Wire.x(f);
        switch (op) {
            case Wire.SYNC -> reply(x, Wire.OK);
            case Wire.CANCEL -> {
                if (node.owned(Wire.y(f)) instanceof QueueState q) {
                    q.cancel(this, x);
                }
            }
            case Wire.PIPE_ATTACH, Wire.PIPE_SEND, Wire.PIPE_DEMAND, Wire.PIPE_RETURN, Wire.PIPE_DETACH, Wire.PIPE_PENDING -> {
                if (node.owned(x) instanceof PipeState p) {
                    p.onFrame(this, op, f);
                } else if (op == Wire.PIPE_DEMAND) {
                    send(Wire.frame(Wire.PIPE_EOF, Wire.z(f) >>> 1, 0, 0));
                }
            }
            case Wire.Q_PUT, Wire.Q_PUT_CALL, Wire.Q_GET, Wire.Q_SIZE, Wire.Q_TASK_DONE, Wire.Q_JOIN -> {
                if (node.owned(x) instanceof QueueState q) {
                    q.onFrame(this, op, f);
                } else if (op != Wire.Q_PUT) {
                    replyError(Wire.y(f), "the queue no longer exists: the context that made it was closed");
                }
            }
            default -> { /* an op this version does not know: ignore, for forward compatibility */ }
        }
    }

    @Override
    public void onClose(FrameLink l, Throwable cause) {
        touched.forEach(o -> o.linkClosed(this));
        touched.clear();
    }
}
