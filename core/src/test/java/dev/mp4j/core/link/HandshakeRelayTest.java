package dev.mp4j.core.link;

import dev.mp4j.AuthenticationException;
import dev.mp4j.core.net.Hmac;
import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import dev.mp4j.spi.FrameServer;
import dev.mp4j.spi.LinkAcceptor;
import dev.mp4j.spi.Transport;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Security review finding 1: a client must prove nothing to a server that has not proved itself, or whoever holds
 * a freed address can relay a live server's challenge to a connecting client and use its answer. Here the test
 * plays the server, over a link in memory, against the real client side ({@link Peer}).
 */
class HandshakeRelayTest {
    private final byte[] key = new byte[32];

    HandshakeRelayTest() {
        new SecureRandom().nextBytes(key);
    }

    /** A transport whose one link records what the client sends and lets the test play the server. */
    private static final class Recording implements Transport, FrameLink {
        final List<ByteBuffer> sent = new CopyOnWriteArrayList<>();
        final CompletableFuture<FrameHandler> handler = new CompletableFuture<>();
        volatile boolean open = true;

        @Override
        public FrameServer listen(LinkAcceptor acceptor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FrameLink connect(String address, FrameHandler h) {
            handler.complete(h);
            return this;
        }

        @Override
        public boolean send(ByteBuffer frame) {
            sent.add(frame.duplicate());
            return open;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        void serverSends(byte op, byte[] payload) throws Exception {
            handler.get(10, TimeUnit.SECONDS).onFrame(this, Wire.frame(op, 0, 0, 0, payload));
        }

        ByteBuffer last() {
            return sent.get(sent.size() - 1);
        }
    }

    private CompletableFuture<Throwable> connect(Recording t) {
        Peer peer = new Peer("test:server", () -> key, id -> null, p -> { });
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread c = new Thread(() -> {
            try {
                peer.connect(t);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        c.setDaemon(true);
        c.start();
        return outcome;
    }

    @Test
    void aClientAnswersAChallengeWithANonceOnlyAndRefusesAServerThatCannotProveItself() throws Exception {
        Recording relay = new Recording();
        CompletableFuture<Throwable> outcome = connect(relay);
        byte[] sn = Hmac.nonce();
        relay.serverSends(Wire.AUTH_CHALLENGE, sn);
        assertEquals(1, relay.sent.size());
        assertEquals(Wire.AUTH_RESPONSE, Wire.op(relay.last()));
        assertEquals(Handshake.NONCE, Wire.payload(relay.last()).length,
                "the client's answer to a challenge is its own nonce, nothing made with the key");
        relay.serverSends(Wire.AUTH_SERVER_PROOF, Hmac.nonce());
        assertInstanceOf(AuthenticationException.class, outcome.get(10, TimeUnit.SECONDS));
        assertEquals(1, relay.sent.size(), "the client never proved itself to a server that did not");
        assertTrue(!relay.open);
    }

    @Test
    void aServerThatProvesItselfGetsTheClientsProofTaggedForItsDirection() throws Exception {
        Recording server = new Recording();
        CompletableFuture<Throwable> outcome = connect(server);
        byte[] sn = Hmac.nonce();
        server.serverSends(Wire.AUTH_CHALLENGE, sn);
        byte[] cn = Wire.payload(server.last());
        server.serverSends(Wire.AUTH_SERVER_PROOF, Hmac.mac(key, Hmac.SERVER, cn, sn));
        assertEquals(Wire.AUTH_CLIENT_PROOF, Wire.op(server.last()));
        byte[] proof = Wire.payload(server.last());
        assertArrayEquals(Hmac.mac(key, Hmac.CLIENT, sn, cn), proof);
        assertTrue(!java.util.Arrays.equals(Hmac.mac(key, Hmac.SERVER, sn, cn), proof),
                "the client's proof is not what a server would send: it cannot be reflected");
        server.serverSends(Wire.AUTH_WELCOME, new byte[0]);
        assertNull(outcome.get(10, TimeUnit.SECONDS));
    }
}
