package dev.mp4j.tck;

import dev.mp4j.runtime.Transports;
import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import dev.mp4j.spi.FrameServer;
import dev.mp4j.spi.Transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@link FrameLink} contract, checked across real processes with the transport alone: no runtime, only the
 * {@code dev.mp4j.spi} types and {@link Transports#provider(String)}. A transport author runs it first, before the
 * suites that need the runtime; a transport that passes it carries the runtime's frames.
 *
 * <p>Each test opens the transport in the test JVM and listens; a {@link FrameLinkPeer} in another JVM (the test's
 * class path and the provider's {@link dev.mp4j.spi.TransportProvider#childJvmArgs() child JVM flags}) connects and
 * plays a scripted role, checks its own side of the contract, and reports. Frames come from a {@link Script} both
 * sides know, so each side checks every byte of what it received without being told what to expect.
 *
 * <p>What it checks: frames keep their boundaries and order, both ways, including empty frames and frames of
 * {@value #LARGE_FRAME} bytes; a handler may send from inside {@code onFrame}; a {@link dev.mp4j.spi.LinkAcceptor} may
 * send from inside {@code accept}, and those frames arrive first, and may close the link there, which is then an
 * orderly close on both sides; {@code close()} sends everything
 * queued before it and then says goodbye, so the peer sees every frame and then {@code onClose(null)}; after a close,
 * {@code isOpen()} is false and {@code send} returns false; {@code onClose} comes exactly once per side and last; a
 * killed peer (SIGKILL) reaches {@code onClose} with a non-null cause within {@link #DEATH_NOTICE}, on the accepting
 * side and on the connecting side; an {@link Error} thrown by a handler fails every link of the process.
 */
@Timeout(180)
public abstract class FrameLinkContract {
    /** The largest frame every transport must carry: 16 MiB. */
    public static final int LARGE_FRAME = Intruder.LARGE_FRAME;

    /**
     * How soon after a peer's death its link must report it. The contract says "a second or so"; the margin is for
     * a loaded machine.
     */
    static final Duration DEATH_NOTICE = Duration.ofSeconds(5);
    /** How long the test waits for what the other side should do. Generous: the machine may be loaded. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** How long after onClose the test keeps watching for callbacks that must not come. */
    private static final Duration AFTERMATH = Duration.ofMillis(300);
    /** The frames one side sends before closing at once: enough that a close that drops queued frames shows. */
    private static final int BURST = 10_000;

    /** A link the test's server accepted, and the handler that watches it. */
    private record Accepted(FrameLink link, Recorder recorder) {}

    private final BlockingQueue<Accepted> accepted = new LinkedBlockingQueue<>();
    private final List<PeerJvm> peers = new ArrayList<>();
    private volatile boolean echoWhatArrives;
    /** Whether the acceptor sends the {@link FrameLinkPeer#greeting greeting} from inside accept. */
    private volatile boolean greetInAccept;
    /** Whether the acceptor closes the link from inside accept, after the greeting if any. */
    private volatile boolean closeInAccept;
    /** An error the next accepted link's handler throws at its first frame; taken by that link. */
    private final AtomicReference<Error> throwAtFirstFrame = new AtomicReference<>();
    /** Breaches of the contract the acceptor saw from inside accept. */
    private final List<String> inAccept = Collections.synchronizedList(new ArrayList<>());
    private Transport transport;
    private FrameServer server;

    /** @return the name of the transport under test, as its provider gives it */
    protected abstract String transport();

    @BeforeEach
    void listen() throws IOException {
        transport = Transports.provider(transport()).open();
        server = transport.listen(link -> {
            link.authenticated(); // the test plays the runtime: this peer counts as proved, frames of any size pass
            Recorder r = new Recorder(echoWhatArrives);
            if (greetInAccept) {
                for (int k = 0; k < FrameLinkPeer.greetingFrames(); k++) {
                    if (!link.send(FrameLinkPeer.greeting(k))) {
                        inAccept.add("send of greeting frame " + k + " from inside accept returned false");
                    }
                }
            }
            if (closeInAccept) {
                long start = System.nanoTime();
                link.close();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                // accept runs on a transport thread, where close() only starts the close
                if (millis > 1_000) {
                    inAccept.add("close() from inside accept blocked for " + millis + " ms");
                }
                if (link.isOpen()) {
                    inAccept.add("isOpen() is true right after close() inside accept");
                }
                if (link.send(ByteBuffer.wrap(new byte[] {1, 2, 3}))) {
                    inAccept.add("send returned true right after close() inside accept");
                }
            }
            accepted.add(new Accepted(link, r));
            Error error = throwAtFirstFrame.getAndSet(null);
            return error == null ? r : new FrameHandler() {
                @Override
                public void onFrame(FrameLink l, ByteBuffer frame) {
                    throw error;
                }

                @Override
                public void onClose(FrameLink l, Throwable cause) {
                    r.onClose(l, cause);
                }
            };
        });
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (PeerJvm p : peers) {
            p.close();
        }
        if (server != null) {
            server.close();
        }
        if (transport != null) {
            transport.close();
        }
    }

    // ------------------------------------------------------------------------------------------ tests

    @Test
    void framesKeepTheirBoundariesAndOrderBothWays() throws Exception {
        PeerJvm peer = peer("echo", 0);
        Accepted a = awaitLink(peer);
        int n = 3_000;
        for (int i = 0; i < n; i++) {
            assertTrue(a.link().send(Script.frame(i)), "send returned false on an open link (frame " + i + ")");
        }
        for (int i = 0; i < n; i++) {
            assertNull(Script.check(i, a.recorder().awaitFrame(PATIENCE)), () -> "the echo came back wrong; peer:\n"
                    + peer.output());
        }
        a.link().close();
        assertNull(a.recorder().nextFrame(), "more frames came back than were sent");
        assertClosedOnceAndLast(a.link(), a.recorder(), true);
        assertPeerSawNoBreach(peer);
    }

    @Test
    void aFrameOf16MiBCrossesBothWays() throws Exception {
        PeerJvm peer = peer("echo", 0);
        Accepted a = awaitLink(peer);
        int[] sizes = {10, LARGE_FRAME, 0, LARGE_FRAME, 1};
        for (int i = 0; i < sizes.length; i++) {
            assertTrue(a.link().send(ByteBuffer.wrap(Script.bytes(i, sizes[i]))), "send returned false on an open link");
        }
        for (int i = 0; i < sizes.length; i++) {
            assertNull(Script.check(i, sizes[i], a.recorder().awaitFrame(PATIENCE)),
                    () -> "the echo came back wrong; peer:\n" + peer.output());
        }
        a.link().close();
        assertClosedOnceAndLast(a.link(), a.recorder(), true);
        assertPeerSawNoBreach(peer);
    }

    @Test
    void aHandlerCanSendFromInsideOnFrame() throws Exception {
        echoWhatArrives = true;
        // The peer sends the frames and expects each back: the echo is sent from inside this side's onFrame.
        PeerJvm peer = peer("ping", 1_000);
        Accepted a = awaitLink(peer);
        assertPeerSawNoBreach(peer);
        assertClosedOnceAndLast(a.link(), a.recorder(), true);
        assertEquals(1_000, a.recorder().frameCount());
    }

    @Test
    void framesSentFromInsideAcceptArriveFirstAndTheLinkThenWorks() throws Exception {
        greetInAccept = true;
        echoWhatArrives = true;
        // The peer sends its frames as soon as it is connected and expects the greeting first, then every echo.
        int n = 1_000;
        PeerJvm peer = peer("greeted", n);
        Accepted a = awaitLink(peer);
        assertPeerSawNoBreach(peer);
        assertEquals(List.of(), inAccept, "inside accept");
        assertClosedOnceAndLast(a.link(), a.recorder(), true);
        assertEquals(n, a.recorder().frameCount(), "the frames the peer sent after the greeting");
        for (int i = 0; i < n; i++) {
            assertNull(Script.check(i, a.recorder().nextFrame()));
        }
    }

    @Test
    void closingInsideAcceptSendsTheGreetingThenAnOrderlyGoodbyeAndTheHandlerSeesOnCloseOnce() throws Exception {
        greetInAccept = true;
        closeInAccept = true;
        // The peer sends nothing, and expects the greeting, then onClose(null), and nothing else.
        PeerJvm peer = peer("greeted-then-closed", 0);
        Accepted a = awaitLink(peer);
        assertEquals(List.of(), inAccept, "inside accept");
        // The handler accept returned is this side's handler of a link this side closed: it sees onClose(null),
        // exactly once, and no frame.
        assertClosedOnceAndLast(a.link(), a.recorder(), true);
        assertEquals(0, a.recorder().frameCount(), "frames reached the handler of a link closed inside accept");
        assertPeerSawNoBreach(peer);
        // The peer has gone too, now: that must not bring a second onClose (with a cause) to a link already closed.
        assertEquals(1, a.recorder().closeCount(), "onClose came again once the peer had gone");
        assertEquals(List.of(), a.recorder().violations(), "the transport broke the callback rules");
    }

    @Test
    void closeSendsEverythingTheClosingPeerQueuedThenAnOrderlyGoodbye() throws Exception {
        // The peer sends BURST frames and calls close() right after the last send.
        PeerJvm peer = peer("send", BURST);
        Accepted a = awaitLink(peer);
        for (int i = 0; i < BURST; i++) {
            assertNull(Script.check(i, a.recorder().awaitFrame(PATIENCE)),
                    () -> "of the frames sent before close(), onClose " + a.recorder().closed() + "; peer:\n"
                            + peer.output());
        }
        assertClosedOnceAndLast(a.link(), a.recorder(), true);
        assertNull(a.recorder().nextFrame(), "more frames arrived than the peer sent");
        assertPeerSawNoBreach(peer);
    }

    @Test
    void closeSendsEverythingThisSideQueuedThenAnOrderlyGoodbye() throws Exception {
        // The peer checks that all BURST frames arrive, in order, then onClose(null).
        PeerJvm peer = peer("receive", BURST);
        Accepted a = awaitLink(peer);
        for (int i = 0; i < BURST; i++) {
            assertTrue(a.link().send(Script.frame(i)), "send returned false on an open link (frame " + i + ")");
        }
        a.link().close();
        assertClosedByThisSide(a.link());
        assertClosedOnceAndLast(a.link(), a.recorder(), true);
        assertPeerSawNoBreach(peer);
    }

    @Test
    void sendReturnsFalseOnceTheLinkIsClosed() throws Exception {
        PeerJvm peer = peer("receive", 0);
        Accepted a = awaitLink(peer);
        a.link().close();
        assertClosedByThisSide(a.link());
        assertFalse(a.link().send(ByteBuffer.allocate(0)), "send of an empty frame returned true after close()");
        a.link().close(); // idempotent: no exception, no second onClose
        assertClosedOnceAndLast(a.link(), a.recorder(), true);
        assertPeerSawNoBreach(peer);
    }

    @Test
    void anOrderlyCloseIsSeenAsNullOnBothSides() throws Exception {
        // The peer connects and closes at once, sending nothing; it checks that its own side saw null too.
        PeerJvm peer = peer("send", 0);
        Accepted a = awaitLink(peer);
        assertClosedOnceAndLast(a.link(), a.recorder(), true);
        assertEquals(0, a.recorder().frameCount(), "frames arrived that nobody sent");
        assertPeerSawNoBreach(peer);
    }

    @Test
    void bothSidesClosingAtOnceIsOrderlyOnBoth() throws Exception {
        // The peer closes from inside onFrame when this frame arrives, while this side closes right after sending it.
        PeerJvm peer = peer("close-in-handler", 0);
        Accepted a = awaitLink(peer);
        assertTrue(a.link().send(ByteBuffer.wrap(new byte[] {42})), "send returned false on an open link");
        a.link().close();
        assertClosedByThisSide(a.link());
        assertClosedOnceAndLast(a.link(), a.recorder(), true);
        assertPeerSawNoBreach(peer);
    }

    @Test
    void aKilledPeerIsSeenAsAFailureByTheAcceptingSide() throws Exception {
        int n = 100;
        PeerJvm peer = peer("hang", n);
        Accepted a = awaitLink(peer);
        for (int i = 0; i < n; i++) {
            assertNull(Script.check(i, a.recorder().awaitFrame(PATIENCE)), () -> "peer:\n" + peer.output());
        }
        assertNull(a.recorder().closed(), "the link closed while the peer was alive");
        peer.kill();
        assertDeathNoticed(a.link(), a.recorder());
    }

    @Test
    void aKilledPeerIsSeenAsAFailureByTheConnectingSide() throws Exception {
        int n = 100;
        PeerJvm peer = peer("serve-hang", n);
        String address = peer.awaitReport("listening at ", PATIENCE).trim();
        Recorder r = new Recorder(false);
        FrameLink link = transport.connect(address, r);
        for (int i = 0; i < n; i++) {
            assertNull(Script.check(i, r.awaitFrame(PATIENCE)), () -> "peer:\n" + peer.output());
        }
        assertNull(r.closed(), "the link closed while the peer was alive");
        peer.kill();
        assertDeathNoticed(link, r);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Starts a {@link FrameLinkPeer} that connects to this test's server and plays {@code role}. */
    private PeerJvm peer(String role, int n) throws IOException {
        String address = role.equals("serve-hang") ? "-" : server.address();
        PeerJvm p = PeerJvm.start(transport(), FrameLinkPeer.class, List.of(transport(), address, role,
                Integer.toString(n)));
        peers.add(p);
        return p;
    }

    /**
     * An {@link Error} on a transport thread (an {@link OutOfMemoryError} in a handler, say) leaves nothing the
     * transport holds trustworthy: every link of the process fails with a cause, so that whoever waits on any of
     * them hears of it, instead of waiting on a link that fell silent (before, one such error on the event loop
     * every link shared left them all silent, and {@code join} hung). Both links here come from this JVM.
     */
    @Test
    void anErrorInAHandlerFailsEveryLinkOfTheProcess() throws Exception {
        Transport client = Transports.provider(transport()).open();
        try {
            throwAtFirstFrame.set(new OutOfMemoryError("thrown by the test's handler"));
            Recorder clientOfFailing = new Recorder(false);
            FrameLink failing = client.connect(server.address(), clientOfFailing);
            Accepted failingAccepted = accepted.poll(PATIENCE.toNanos(), TimeUnit.NANOSECONDS);
            Recorder clientOfBystander = new Recorder(false);
            FrameLink bystander = client.connect(server.address(), clientOfBystander);
            Accepted bystanderAccepted = accepted.poll(PATIENCE.toNanos(), TimeUnit.NANOSECONDS);
            assertNotNull(failingAccepted, "the first link was not accepted");
            assertNotNull(bystanderAccepted, "the second link was not accepted");
            assertTrue(bystander.send(ByteBuffer.wrap(new byte[] {1})), "the second link works before");
            assertNotNull(bystanderAccepted.recorder().awaitFrame(PATIENCE), "the second link's frame did not arrive");

            assertTrue(failing.send(ByteBuffer.wrap(new byte[] {2})));
            Recorder.Closed failed = failingAccepted.recorder().awaitClose(PATIENCE);
            assertNotNull(failed, "the link whose handler threw did not close");
            assertTrue(failed.cause() instanceof OutOfMemoryError, "it closed with " + failed.cause());
            Recorder.Closed other = bystanderAccepted.recorder().awaitClose(PATIENCE);
            assertNotNull(other, "the other link of the process stayed open after an Error on a transport thread");
            assertNotNull(other.cause(), "the other link closed as if in order, not with a cause");
            assertNotNull(clientOfBystander.awaitClose(PATIENCE), "its peer did not see it close");
            assertNotNull(clientOfFailing.awaitClose(PATIENCE), "the failing link's peer did not see it close");
            assertFalse(bystander.send(ByteBuffer.wrap(new byte[] {3})) && bystander.isOpen());
        } finally {
            client.close();
        }
    }

    private Accepted awaitLink(PeerJvm peer) throws InterruptedException {
        Accepted a = accepted.poll(PATIENCE.toNanos(), TimeUnit.NANOSECONDS);
        if (a == null) {
            fail("the peer's link was not accepted within " + PATIENCE.toSeconds() + " s; peer:\n" + peer.output());
        }
        return a;
    }

    private static void assertClosedByThisSide(FrameLink link) {
        assertFalse(link.isOpen(), "isOpen() is true after close() returned");
        assertFalse(link.send(ByteBuffer.wrap(new byte[] {1, 2, 3})), "send returned true after close()");
    }

    /**
     * onClose came, with a null cause if {@code orderly} and a non-null one otherwise, exactly once, with no callback
     * after it; the link is then closed for sending.
     */
    private static void assertClosedOnceAndLast(FrameLink link, Recorder r, boolean orderly) throws InterruptedException {
        Recorder.Closed closed = r.awaitClose(PATIENCE);
        assertNotNull(closed, "onClose did not come within " + PATIENCE.toSeconds() + " s");
        if (orderly) {
            assertNull(closed.cause(), "an orderly close must reach onClose with a null cause");
        } else {
            assertNotNull(closed.cause(), "a dead peer must reach onClose with a cause, not as an orderly close");
        }
        Thread.sleep(AFTERMATH.toMillis());
        assertEquals(1, r.closeCount(), "onClose must be called exactly once");
        assertEquals(List.of(), r.violations(), "the transport broke the callback rules");
        assertFalse(link.isOpen(), "isOpen() is true after onClose");
        assertFalse(link.send(ByteBuffer.allocate(1)), "send returned true after onClose");
    }

    /** The peer was just killed (and is gone): the link must say so, with a cause, soon. */
    private static void assertDeathNoticed(FrameLink link, Recorder r) throws InterruptedException {
        long dead = System.nanoTime();
        Recorder.Closed closed = r.awaitClose(DEATH_NOTICE);
        assertNotNull(closed, "onClose did not come within " + DEATH_NOTICE.toSeconds() + " s of the peer's death");
        assertTrue(closed.atNanos() - dead <= DEATH_NOTICE.toNanos(), "onClose came too late");
        assertClosedOnceAndLast(link, r, false);
    }

    private static void assertPeerSawNoBreach(PeerJvm peer) throws InterruptedException {
        int status = peer.awaitExit(PATIENCE);
        assertEquals(0, status, () -> "the peer saw a breach of the contract on its side (exit status " + status
                + "):\n" + peer.output());
    }
}
