package dev.mp4j.tck;

import dev.mp4j.runtime.Transports;
import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import dev.mp4j.spi.FrameServer;
import dev.mp4j.spi.Transport;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The other side of {@link FrameLinkContract}: a plain JVM that uses a transport through the SPI alone (no runtime)
 * and plays one scripted role. It checks its own side of the contract and reports on stderr in lines that start with
 * {@value PeerJvm#REPORT}: {@code violation: ...} for each breach it saw, then {@code done}. Exit status 0 when it
 * saw no breach, 1 when it did, 2 for a usage error or an unexpected exception.
 *
 * <p>Arguments: {@code <transport> <address> <role> <n>}, the roles being
 * <ul>
 *   <li>{@code echo}: connects and sends every frame back from inside {@code onFrame}, until the test closes;</li>
 *   <li>{@code send}: connects, sends frames 0 to n-1 of the {@link Script}, and closes at once;</li>
 *   <li>{@code receive}: connects and expects frames 0 to n-1, then an orderly close by the test;</li>
 *   <li>{@code ping}: connects, sends frames 0 to n-1, expects each back (the test echoes them), then closes;</li>
 *   <li>{@code close-in-handler}: connects and closes from inside {@code onFrame} when the first frame arrives;</li>
 *   <li>{@code greeted}: connects and sends frames 0 to n-1 at once; expects the {@linkplain #greeting greeting}
 *       frames that the test sends from inside its {@code LinkAcceptor.accept} as its first frames, then each of
 *       its frames back (the test echoes them), then closes;</li>
 *   <li>{@code greeted-then-closed}: connects, sends nothing, and expects the greeting frames and then an orderly
 *       close (the test closes the link from inside {@code accept}, after the greeting), and nothing else;</li>
 *   <li>{@code hang}: connects, sends frames 0 to n-1, then waits to be killed;</li>
 *   <li>{@code serve-hang} (address {@code -}): listens, reports {@code listening at <address>}, sends frames 0
 *       to n-1 on the first link it accepts, then waits to be killed.</li>
 * </ul>
 * Every role ends by itself once its link closes, and after {@value #MAX_LIFE_SECONDS} s at most, so a peer never
 * outlives a test JVM that died.
 */
public final class FrameLinkPeer {
    /** The longest a peer lives. */
    static final int MAX_LIFE_SECONDS = 300;
    /** How long a peer waits for something the test should do. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** How long after onClose a peer keeps watching for callbacks that must not come. */
    private static final Duration AFTERMATH = Duration.ofMillis(300);
    /**
     * The sizes of the greeting frames a test sends from inside {@code LinkAcceptor.accept}: a small one, an empty
     * one, and one larger than a socket buffer, so that a greeting that is only partly written before the link is
     * set up shows.
     */
    private static final int[] GREETING_SIZES = {24, 0, 300_000};
    /** The seed of the greeting frames' bytes: far from the {@link Script}'s frame numbers. */
    private static final int GREETING_SEED = 7_000_000;

    // Synchronized: a handler adds to it on a transport thread.
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    private FrameLinkPeer() {}

    /**
     * Plays a role; see the class comment.
     *
     * @param args {@code <transport> <address> <role> <n>}
     */
    public static void main(String[] args) {
        int status;
        try {
            FrameLinkPeer peer = new FrameLinkPeer();
            peer.play(args[0], args[1], args[2], Integer.parseInt(args[3]));
            List.copyOf(peer.violations).forEach(v -> report("violation: " + v));
            report("done");
            status = peer.violations.isEmpty() ? 0 : 1;
        } catch (Throwable t) {
            report("failed: " + t);
            t.printStackTrace();
            status = 2;
        }
        System.err.flush();
        System.exit(status);
    }

    private void play(String transportName, String address, String role, int n) throws Exception {
        try (Transport transport = Transports.provider(transportName).open()) {
            switch (role) {
                case "echo" -> echo(transport, address);
                case "send" -> send(transport, address, n);
                case "receive" -> receive(transport, address, n);
                case "ping" -> ping(transport, address, n);
                case "close-in-handler" -> closeInHandler(transport, address);
                case "greeted" -> greeted(transport, address, n);
                case "greeted-then-closed" -> greetedThenClosed(transport, address);
                case "hang" -> hang(transport, address, n);
                case "serve-hang" -> serveHang(transport, n);
                default -> throw new IllegalArgumentException("unknown role " + role);
            }
        }
    }

    private void echo(Transport transport, String address) throws Exception {
        Recorder r = new Recorder(true);
        FrameLink link = transport.connect(address, r);
        expectOrderlyClose(link, r, Duration.ofSeconds(MAX_LIFE_SECONDS));
    }

    private void send(Transport transport, String address, int n) throws Exception {
        Recorder r = new Recorder(false);
        FrameLink link = transport.connect(address, r);
        sendScript(link, n);
        link.close();
        afterOwnClose(link);
        expectOrderlyClose(link, r, PATIENCE);
    }

    private void receive(Transport transport, String address, int n) throws Exception {
        Recorder r = new Recorder(false);
        FrameLink link = transport.connect(address, r);
        expectOrderlyClose(link, r, Duration.ofSeconds(MAX_LIFE_SECONDS));
        for (int i = 0; i < n; i++) {
            String wrong = Script.check(i, r.nextFrame());
            if (wrong != null) {
                violations.add(wrong + " (of " + n + " sent before the test closed; " + r.frameCount() + " arrived)");
                return;
            }
        }
        if (r.nextFrame() != null) {
            violations.add("more than the " + n + " frames sent arrived (" + r.frameCount() + ")");
        }
    }

    private void ping(Transport transport, String address, int n) throws Exception {
        Recorder r = new Recorder(false);
        FrameLink link = transport.connect(address, r);
        sendScript(link, n);
        for (int i = 0; i < n; i++) {
            String wrong = Script.check(i, r.awaitFrame(PATIENCE));
            if (wrong != null) {
                violations.add("the echo of " + wrong);
                break;
            }
        }
        link.close();
        afterOwnClose(link);
        expectOrderlyClose(link, r, PATIENCE);
    }

    private void closeInHandler(Transport transport, String address) throws Exception {
        Recorder r = new Recorder(false);
        FrameHandler closing = new FrameHandler() {
            private boolean first = true;

            @Override
            public void onFrame(FrameLink link, ByteBuffer frame) {
                r.onFrame(link, frame);
                if (first) {
                    first = false;
                    long start = System.nanoTime();
                    link.close();
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    // On a transport thread close() only starts the close: it cannot wait for writes that the same
                    // thread has to do.
                    if (millis > 1_000) {
                        violations.add("close() from inside onFrame blocked for " + millis + " ms");
                    }
                }
            }

            @Override
            public void onClose(FrameLink link, Throwable cause) {
                r.onClose(link, cause);
            }
        };
        FrameLink link = transport.connect(address, closing);
        expectOrderlyClose(link, r, PATIENCE);
        if (r.frameCount() == 0) {
            violations.add("the link closed before the test's frame arrived");
        }
    }

    private void greeted(Transport transport, String address, int n) throws Exception {
        Recorder r = new Recorder(false);
        FrameLink link = transport.connect(address, r);
        sendScript(link, n); // at once: these race with the greeting, which must still come first
        if (expectGreeting(r)) {
            for (int i = 0; i < n; i++) {
                String wrong = Script.check(i, r.awaitFrame(PATIENCE));
                if (wrong != null) {
                    violations.add("after the greeting, the echo of " + wrong);
                    break;
                }
            }
        }
        link.close();
        afterOwnClose(link);
        expectOrderlyClose(link, r, PATIENCE);
    }

    private void greetedThenClosed(Transport transport, String address) throws Exception {
        Recorder r = new Recorder(false);
        FrameLink link = transport.connect(address, r);
        expectOrderlyClose(link, r, PATIENCE);
        if (expectGreeting(r) && r.nextFrame() != null) {
            violations.add("frames arrived after the greeting, from a link closed right after it ("
                    + r.frameCount() + " frames in all)");
        }
    }

    /** @return whether the first frames to arrive were the greeting, in order; notes a violation if not */
    private boolean expectGreeting(Recorder r) throws InterruptedException {
        for (int k = 0; k < GREETING_SIZES.length; k++) {
            byte[] got = r.awaitFrame(PATIENCE);
            String wrong = Script.check(GREETING_SEED + k, GREETING_SIZES[k], got);
            if (wrong != null) {
                violations.add("the frames sent from inside LinkAcceptor.accept must arrive first, in order: greeting "
                        + wrong.replaceFirst("^frame " + (GREETING_SEED + k), "frame " + k)
                        + (got != null && got.length != GREETING_SIZES[k] ? " (a later frame overtook it?)" : ""));
                return false;
            }
        }
        return true;
    }

    /** @return how many greeting frames a test sends from inside {@code LinkAcceptor.accept} */
    static int greetingFrames() {
        return GREETING_SIZES.length;
    }

    /** @return greeting frame {@code k}, which the roles {@code greeted} and {@code greeted-then-closed} expect first */
    static ByteBuffer greeting(int k) {
        return ByteBuffer.wrap(Script.bytes(GREETING_SEED + k, GREETING_SIZES[k]));
    }

    private void hang(Transport transport, String address, int n) throws Exception {
        Recorder r = new Recorder(false);
        FrameLink link = transport.connect(address, r);
        sendScript(link, n);
        // The test kills this JVM now; if the test's side goes away first, so does this one.
        r.awaitClose(Duration.ofSeconds(MAX_LIFE_SECONDS));
        violations.add("hang: not killed; the link closed with " + r.closed());
    }

    private void serveHang(Transport transport, int n) throws Exception {
        BlockingQueue<FrameLink> accepted = new LinkedBlockingQueue<>();
        Recorder r = new Recorder(false);
        try (FrameServer server = transport.listen(link -> {
            link.authenticated(); // playing the runtime: the test counts as proved, frames of any size pass
            accepted.add(link);
            return r;
        })) {
            report("listening at " + server.address());
            FrameLink link = accepted.poll(PATIENCE.toNanos(), TimeUnit.NANOSECONDS);
            if (link == null) {
                violations.add("serve-hang: the test did not connect within " + PATIENCE.toSeconds() + " s");
                return;
            }
            sendScript(link, n);
            r.awaitClose(Duration.ofSeconds(MAX_LIFE_SECONDS));
            violations.add("serve-hang: not killed; the link closed with " + r.closed());
        }
    }

    private void sendScript(FrameLink link, int n) {
        for (int i = 0; i < n; i++) {
            if (!link.send(Script.frame(i))) {
                violations.add("send returned false for frame " + i + " of " + n + " while the link was open");
                return;
            }
        }
    }

    /** After this side's close(): the link says it is closed, and takes no more frames. */
    private void afterOwnClose(FrameLink link) {
        if (link.isOpen()) {
            violations.add("isOpen() is true after close() returned");
        }
        if (link.send(ByteBuffer.wrap(new byte[] {1, 2, 3}))) {
            violations.add("send returned true after close()");
        }
    }

    /** Waits for onClose, which must say the close was orderly, come once, and come last. */
    private void expectOrderlyClose(FrameLink link, Recorder r, Duration timeout) throws InterruptedException {
        Recorder.Closed closed = r.awaitClose(timeout);
        if (closed == null) {
            violations.add("onClose did not come within " + timeout.toSeconds() + " s");
            return;
        }
        if (closed.cause() != null) {
            violations.add("an orderly close reached onClose with a cause: " + closed.cause());
        }
        Thread.sleep(AFTERMATH.toMillis());
        if (link.isOpen()) {
            violations.add("isOpen() is true after onClose");
        }
        if (link.send(ByteBuffer.allocate(1))) {
            violations.add("send returned true after onClose");
        }
        if (r.closeCount() != 1) {
            violations.add("onClose was called " + r.closeCount() + " times");
        }
        violations.addAll(r.violations());
    }

    private static void report(String line) {
        System.err.println(PeerJvm.REPORT + line);
    }
}
