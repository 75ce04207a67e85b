package dev.mp4j.core.link;

import dev.mp4j.core.net.Hmac;
import dev.mp4j.core.net.Sockets;
import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The owner's side of a link from another process: it challenges the other side, then hands each frame to
 * the object it names. When the link closes (the other process closed it, or died), every object it touched
 * forgets that process's copies, waits and requests.
 */
final class ServedLink implements FrameHandler, Caller {
    private final Directory directory;
    private final FrameLink link;
    private final byte[] challenge = Hmac.nonce();
    private final Set<Owned> touched = ConcurrentHashMap.newKeySet();
    private final int maxFrameBytes;
    private final AtomicInteger handshaking;
    private final AtomicBoolean inHandshake = new AtomicBoolean(true);
    /** Null until scheduled: a deadline of 0 may run before the constructor stored it. */
    private volatile ScheduledFuture<?> handshakeDeadline;
    private volatile boolean authenticated;
    private volatile int sendLimit;
    private byte[] clientNonce;

    /**
     * @param maxFrameBytes this process's transport's limit, stated to the client
     * @param handshaking   the links of this server in the handshake now
     * @param handshakeMillis how long the client has to prove itself
     */
    ServedLink(Directory directory, FrameLink link, int maxFrameBytes, AtomicInteger handshaking,
            long handshakeMillis) {
        this.directory = directory;
        this.link = link;
        this.maxFrameBytes = maxFrameBytes;
        this.sendLimit = maxFrameBytes;
        this.handshaking = handshaking;
        boolean room = handshaking.incrementAndGet() <= Handshake.MAX_UNAUTHENTICATED;
        handshakeDeadline = Sockets.atDeadline(this::handshakeExpired, room ? handshakeMillis : 0);
        if (room) {
            link.send(Wire.frame(Wire.AUTH_CHALLENGE, 0, maxFrameBytes, 0, challenge));
        }
    }

    /**
     * On the deadline thread, which must not wait: the close, which may wait for the goodbye, gets its own. The
     * deadline and the client's proof race for the end of the handshake; whichever ends it decides.
     */
    private void handshakeExpired() {
        if (handshakeEnded()) {
            Thread closer = new Thread(link::close, "mp4j-handshake-expired");
            closer.setDaemon(true);
            closer.start();
        }
    }

    /** @return whether this call ended the handshake (and gave back its place); false if it had ended already */
    private boolean handshakeEnded() {
        if (!inHandshake.compareAndSet(true, false)) {
            return false;
        }
        handshaking.decrementAndGet();
        ScheduledFuture<?> deadline = handshakeDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        return true;
    }

    @Override
    public void touch(Owned object) {
        touched.add(object);
    }

    @Override
    public void untouch(Owned object) {
        touched.remove(object);
    }

    @Override
    public void send(ByteBuffer frame) {
        link.send(frame);
    }

    @Override
    public int maxPayloadBytes() {
        return FrameLimit.payloadLimit(sendLimit);
    }

    @Override
    public void reply(long requestId, long status, long value, byte[] payload) {
        int room = maxPayloadBytes();
        if (payload.length > room) {
            // the client's limit is below this process's: it gets the reason instead of a link that breaks, cut to
            // fit, sent as is (a reply of it could be too long again)
            byte[] why = FrameLimit.exceeded(payload.length, room, "the link from its owner").getMessage()
                    .getBytes(StandardCharsets.UTF_8);
            link.send(Wire.frame(Wire.REPLY, requestId, Wire.ERROR, 0,
                    why.length <= room ? why : Arrays.copyOf(why, room)));
            return;
        }
        link.send(Wire.frame(Wire.REPLY, requestId, status, value, payload));
    }

    @Override
    public void reply(long requestId, long status) {
        link.send(Wire.frame(Wire.REPLY, requestId, status, 0));
    }

    @Override
    public void replyError(long requestId, String message) {
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
            handshake(l, op, f);
            return;
        }
        long x = Wire.x(f);
        int kind = Wire.kindOf(op);
        if (kind != 0) {
            Owned o = directory.owned(x);
            if (o != null && o.kind().code() == kind) {
                o.onFrame(this, op, f);
            } else {
                Kind k = directory.kind(kind);
                if (k != null) {
                    k.orphan().onFrame(this, op, f);
                }
            }
            return;
        }
        switch (op) {
            case Wire.SYNC -> reply(x, Wire.OK);
            case Wire.CANCEL -> {
                Owned o = directory.owned(Wire.y(f));
                if (o != null) {
                    o.cancel(this, x);
                }
            }
            default -> { /* a link op this version does not know: ignore, for forward compatibility */ }
        }
    }

    /** The server's side of {@link Handshake}: answer the client's nonce with our proof, then check theirs. */
    private void handshake(FrameLink l, byte op, ByteBuffer f) {
        byte[] key = directory.authkey();
        byte[] payload = Wire.payload(f);
        if (op == Wire.AUTH_RESPONSE && clientNonce == null && payload.length == Handshake.NONCE) {
            clientNonce = payload;
            sendLimit = FrameLimit.agreed(maxFrameBytes, Wire.y(f));
            l.send(Wire.frame(Wire.AUTH_SERVER_PROOF, 0, 0, 0,
                    Hmac.mac(key, Hmac.SERVER, clientNonce, challenge)));
        } else if (op == Wire.AUTH_CLIENT_PROOF && clientNonce != null
                && Hmac.matches(Hmac.mac(key, Hmac.CLIENT, challenge, clientNonce), payload)) {
            if (!handshakeEnded()) {
                return; // the deadline came first: the link is being closed
            }
            l.authenticated();
            authenticated = true;
            l.send(Wire.frame(Wire.AUTH_WELCOME, 0, 0, 0));
        } else {
            l.send(Wire.frame(Wire.AUTH_FAILURE, 0, 0, 0));
            l.close();
        }
    }

    @Override
    public void onClose(FrameLink l, Throwable cause) {
        handshakeEnded();
        touched.forEach(o -> o.linkClosed(this));
        touched.clear();
    }
}
