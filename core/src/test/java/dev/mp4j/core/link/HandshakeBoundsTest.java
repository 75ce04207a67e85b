package dev.mp4j.core.link;

import dev.mp4j.MessageTooLongException;
import dev.mp4j.core.net.Hmac;
import dev.mp4j.spi.FrameHandler;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Security review finding 2, in the runtime's part of it: a server gives a process that has not proved itself a
 * bounded time and a bounded number of places, and tells its link when the peer is authenticated (so that a
 * transport lifts its pre-authentication frame cap); and deliverable 3: both sides state their frame limit in the
 * handshake, and a sender refuses a frame over the smaller one before anything is sent. The test plays the other
 * side over a link in memory, against the real {@link ServedLink} and {@link Peer}.
 */
class HandshakeBoundsTest {
    private final byte[] key = new byte[32];

    HandshakeBoundsTest() {
        new SecureRandom().nextBytes(key);
    }

    private ServedLink serve(RecordingLink link, AtomicInteger handshaking, long handshakeMillis) {
        return new ServedLink(new Directory(() -> key), link, link.maxFrameBytes, handshaking, handshakeMillis);
    }

    @Test
    void aClientThatNeverAnswersIsCutOffAtTheDeadlineAndFreesItsPlace() throws Exception {
        RecordingLink link = new RecordingLink(1 << 20);
        AtomicInteger handshaking = new AtomicInteger();
        ServedLink served = serve(link, handshaking, 200);
        assertEquals(Wire.AUTH_CHALLENGE, Wire.op(link.last()));
        assertEquals(1, handshaking.get());
        assertTrue(link.closed.await(30, TimeUnit.SECONDS), "a silent client must be cut off at the deadline");
        served.onClose(link, null);
        assertEquals(0, handshaking.get());
    }

    @Test
    void onceTheHandshakePlacesAreTakenANewLinkIsEndedWithoutAChallenge() throws Exception {
        AtomicInteger handshaking = new AtomicInteger(Handshake.MAX_UNAUTHENTICATED);
        RecordingLink link = new RecordingLink(1 << 20);
        ServedLink served = serve(link, handshaking, 60_000);
        assertTrue(link.closed.await(30, TimeUnit.SECONDS), "a link over the cap must be ended at once");
        assertTrue(link.sent.isEmpty(), "nothing is spent on a link over the cap: " + link.sent.size() + " frames");
        served.onClose(link, null);
        assertEquals(Handshake.MAX_UNAUTHENTICATED, handshaking.get(), "its place is given back");
    }

    @Test
    void theServerStatesItsLimitAndTellsItsLinkOfTheClientsProofBeforeTheWelcome() {
        RecordingLink link = new RecordingLink(100_000);
        AtomicInteger handshaking = new AtomicInteger();
        ServedLink served = serve(link, handshaking, 60_000);
        ByteBuffer challenge = link.last();
        assertEquals(100_000, Wire.y(challenge), "the challenge states the server's frame limit");
        byte[] sn = Wire.payload(challenge);
        byte[] cn = Hmac.nonce();
        served.onFrame(link, Wire.frame(Wire.AUTH_RESPONSE, 0, 50_000, 0, cn));
        assertFalse(link.authenticated, "no proof yet");
        served.onFrame(link, Wire.frame(Wire.AUTH_CLIENT_PROOF, 0, 0, 0, Hmac.mac(key, Hmac.CLIENT, sn, cn)));
        assertTrue(link.authenticated);
        assertEquals(Wire.AUTH_WELCOME, Wire.op(link.last()));
        assertEquals(0, handshaking.get(), "an authenticated link leaves the handshake");

        // a reply over the client's smaller limit is answered with the reason, and the link stays open
        int before = link.sent.size();
        served.reply(7, Wire.OK, 0, new byte[60_000]);
        ByteBuffer answer = link.last();
        assertEquals(before + 1, link.sent.size());
        assertEquals(Wire.ERROR, Wire.y(answer));
        assertTrue(new String(Wire.payload(answer)).contains("60000 bytes"), new String(Wire.payload(answer)));
        assertEquals(1, link.closed.getCount(), "the link lives on");
        served.reply(8, Wire.OK, 0, new byte[1000]);
        assertEquals(Wire.OK, Wire.y(link.last()));
    }

    @Test
    void underATinyLimitTheReasonForARefusedReplyIsCutToFitNotLooped() {
        RecordingLink link = new RecordingLink(100);
        ServedLink served = serve(link, new AtomicInteger(), 60_000);
        byte[] sn = Wire.payload(link.last());
        byte[] cn = Hmac.nonce();
        served.onFrame(link, Wire.frame(Wire.AUTH_RESPONSE, 0, 100, 0, cn));
        served.onFrame(link, Wire.frame(Wire.AUTH_CLIENT_PROOF, 0, 0, 0, Hmac.mac(key, Hmac.CLIENT, sn, cn)));
        served.reply(9, Wire.OK, 0, new byte[1_000]); // the reason itself is longer than 100 bytes
        ByteBuffer answer = link.last();
        assertEquals(Wire.ERROR, Wire.y(answer));
        assertTrue(answer.remaining() <= 100, "the error frame fits the limit: " + answer.remaining() + " bytes");
        served.replyError(10, "x".repeat(500));
        assertTrue(link.last().remaining() <= 100);
    }

    @Test
    void aClientStatesItsLimitAndRefusesToSendOverTheSmallerOne() throws Exception {
        RecordingLink server = new RecordingLink(200_000);
        Peer peer = new Peer("test:server", () -> key, id -> null, p -> { });
        CompletableFuture<Throwable> outcome = server.connect(peer);
        FrameHandler h = server.handler.get(10, TimeUnit.SECONDS);
        byte[] sn = Hmac.nonce();
        h.onFrame(server, Wire.frame(Wire.AUTH_CHALLENGE, 0, 100_000, 0, sn));
        assertEquals(200_000, Wire.y(server.last()), "the response states the client's frame limit");
        byte[] cn = Wire.payload(server.last());
        h.onFrame(server, Wire.frame(Wire.AUTH_SERVER_PROOF, 0, 0, 0, Hmac.mac(key, Hmac.SERVER, cn, sn)));
        assertFalse(server.authenticated, "not before the welcome");
        h.onFrame(server, Wire.frame(Wire.AUTH_WELCOME, 0, 0, 0));
        assertEquals(null, outcome.get(10, TimeUnit.SECONDS));
        assertTrue(server.authenticated);

        assertEquals(100_000 - Wire.HEADER, peer.maxPayloadBytes(), "the smaller of both limits");
        int before = server.sent.size();
        MessageTooLongException e = assertThrows(MessageTooLongException.class,
                () -> peer.send(Wire.frame((byte) 0x10, 1, 0, 0, new byte[100_000])));
        assertEquals(100_000, e.length());
        assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
        assertEquals(before, server.sent.size(), "nothing was sent");
        assertTrue(peer.isOpen(), "the link lives on");
        peer.send(Wire.frame((byte) 0x10, 1, 0, 0, new byte[100_000 - Wire.HEADER]));
        assertEquals(before + 1, server.sent.size());
    }
}
