package dev.mp4j.core.queue;

import dev.mp4j.MpException;
import dev.mp4j.core.codec.Departures;
import dev.mp4j.core.link.Inbox;
import dev.mp4j.core.link.Node;
import dev.mp4j.core.link.Peer;
import dev.mp4j.core.link.Receiver;
import dev.mp4j.core.link.Reply;
import dev.mp4j.core.link.SendWindow;
import dev.mp4j.core.link.Wire;
import dev.mp4j.runtime.Token;
import dev.mp4j.spi.HighWaterMark;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A queue used from a process other than its owner: one a handle. Puts to an unbounded queue are sent without
 * waiting for an answer (they are flushed before a child starts and before this process ends), within the handle's
 * window of unread bytes at the owner ({@link SendWindow}): a put waits while the window is full. Everything else
 * is a call that waits in the owner. The owner counts the handle from its attach until it is collected here (then
 * it detaches) or the link closes.
 */
final class RemoteQueue implements QueueBackend, Receiver {
    private final Node node;
    private final Peer peer;
    private final Token token;
    private final int maxsize;
    private final boolean joinable;
    /** The id the owner credits this handle by. */
    private final long key;
    /** An unbounded queue's flow control; null for a bounded queue, whose owner waits for room itself. */
    private final SendWindow window;

    private RemoteQueue(Node node, Peer peer, Token token, int maxsize, boolean joinable, long key) {
        this.node = node;
        this.peer = peer;
        this.token = token;
        this.maxsize = maxsize;
        this.joinable = joinable;
        this.key = key;
        this.window = maxsize <= 0 ? new SendWindow(HighWaterMark.bytes()) : null;
    }

    /** A new handle on the queue a token names, attached at its owner, giving back the token's ticket. */
    static RemoteQueue attach(Node node, Token token, QueueKind.QueueDetail d) {
        Peer peer = node.peer(token.owner());
        RemoteQueue q = node.addReceiver(peer, key -> new RemoteQueue(node, peer, token, d.maxsize(), d.joinable(), key));
        byte[] window = q.window == null ? new byte[0] : Inbox.windowPayload(q.window.window());
        // unsynced: a child's exit waits until its owner handled it, before the child's tickets are given back
        peer.sendUnsynced(Wire.frame(QueueKind.ATTACH, token.id(), d.ticket(), q.key, window));
        return q;
    }

    @Override
    public void onFrame(byte op, ByteBuffer frame) {
        if (op == QueueKind.CREDIT && window != null) {
            window.credit(Wire.y(frame));
        }
    }

    @Override
    public void ownerGone() {
        if (window != null) {
            window.open();
        }
    }

    private long id() {
        return token.id();
    }

    @Override
    public int maxItemBytes() {
        return peer.maxPayloadBytes();
    }

    @Override
    public boolean put(byte[] item, long timeoutNanos) throws InterruptedException {
        if (maxsize <= 0) {
            if (!window.acquire(item.length, timeoutNanos)) {
                return false;
            }
            peer.sendUnsynced(Wire.frame(QueueKind.PUT, id(), 0, key, item));
            return true;
        }
        long req = peer.newRequestId();
        CompletableFuture<Reply> f = peer.expect(req);
        peer.send(Wire.frame(QueueKind.PUT_CALL, id(), req, timeoutNanos == 0 ? 0 : 1, item));
        return check(peer.await(f, req, id(), timeoutNanos)).status() == Wire.OK;
    }

    @Override
    public byte[] take(long timeoutNanos) throws InterruptedException {
        long req = peer.newRequestId();
        CompletableFuture<Reply> f = peer.expect(req);
        peer.send(Wire.frame(QueueKind.GET, id(), req, timeoutNanos == 0 ? 0 : 1));
        Reply r = check(peer.await(f, req, id(), timeoutNanos));
        return r.status() == Wire.OK ? r.payload() : null;
    }

    @Override
    public int size() {
        long req = peer.newRequestId();
        return (int) check(peer.call(req, Wire.frame(QueueKind.SIZE, id(), req, 0))).value();
    }

    @Override
    public int maxsize() {
        return maxsize;
    }

    @Override
    public void taskDone() {
        long req = peer.newRequestId();
        Reply r = peer.call(req, Wire.frame(QueueKind.TASK_DONE, id(), req, 0));
        if (r.status() == Wire.ERROR) {
            throw new IllegalStateException(r.message());
        }
    }

    @Override
    public void join() throws InterruptedException {
        long req = peer.newRequestId();
        CompletableFuture<Reply> f = peer.expect(req);
        peer.send(Wire.frame(QueueKind.JOIN, id(), req, 0));
        check(peer.await(f, req, id(), -1));
    }

    @Override
    public void flush() {
        peer.sync();
    }

    /** Nothing to let go of: the owner serves the queue. */
    @Override
    public void release() {
    }

    @Override
    public void handleGone() {
        node.removeReceiver(key);
        try {
            peer.sendUnsynced(Wire.frame(QueueKind.DETACH, id(), 0, key));
        } catch (RuntimeException ownerGone) {
            // the owner is gone or its link closed: it counts this handle no longer anyway
        }
    }

    /**
     * The token of a copy leaving this process takes a ticket at the owner, so that the queue lives until its
     * receiver attaches (or never gets it: then the ticket is given back).
     */
    @Override
    public Token token() {
        long ticket = Departures.newTicket();
        peer.sendUnsynced(Wire.frame(QueueKind.PENDING, id(), ticket, 0));
        Departures.onRelease(() -> {
            try {
                peer.sendUnsynced(Wire.frame(QueueKind.PENDING, id(), ticket, 1));
            } catch (RuntimeException ownerGone) {
                // nothing to give back to
            }
        });
        return QueueKind.token(token.transport(), token.owner(), id(), maxsize, joinable, ticket);
    }

    @Override
    public Node node() {
        return node;
    }

    private static Reply check(Reply r) {
        if (r.status() == Wire.ERROR) {
            throw new MpException(r.message());
        }
        return r;
    }
}
