package dev.mp4j.core.link;

import dev.mp4j.AuthenticationException;
import dev.mp4j.core.net.Hmac;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
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

    private CompletableFuture<Throwable> connect(RecordingLink t) {
        return t.connect(new Peer("test:server", () -> key, id -> null, p -> { }));
    }

    @Test
    void aClientAnswersAChallengeWithANonceOnlyAndRefusesAServerThatCannotProveItself() throws Exception {
        RecordingLink relay = new RecordingLink(Integer.MAX_VALUE);
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
        assertTrue(!relay.isOpen());
    }

    @Test
    void aServerThatProvesItselfGetsTheClientsProofTaggedForItsDirection() throws Exception {
        RecordingLink server = new RecordingLink(Integer.MAX_VALUE);
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
