package dev.mp4j.tck;

import dev.mp4j.Event;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.runtime.Token;
import dev.mp4j.runtime.Transports;
import dev.mp4j.spi.FrameLink;
import dev.mp4j.spi.Transport;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hardening deliverable 4, the strangers' half of the frame fuzzer: {@value #FRAMES} malformed, truncated,
 * oversized and replayed frames, from links that never authenticate, at the server of a process that owns queues.
 * The process under test is a child. Every link must be closed by the server, nothing a stranger sent may take
 * effect, and afterwards the child must still be up, serve a good peer, and end normally.
 *
 * <p>The frames come from a seeded {@link Random}; a failure names the seed, and {@code -Dmp4j.test.fuzzSeed=N}
 * replays it. A link gets a burst of up to {@value #MOST_PER_LINK} frames, then an empty frame, which no handshake
 * accepts, so that the server closes every link at once instead of at its handshake deadline. Kinds of frame:
 *
 * <ul>
 *   <li>random bytes of random length, the runtime's frame header included or cut short;</li>
 *   <li>oversized: past {@link FrameLink#PRE_AUTH_FRAME_BYTES}, up to 64 KiB, and a few of 1 MiB;</li>
 *   <li>replayed: on one link in five, the server's first frame (its challenge) sent straight back, as a
 *       reflection attack would; the frames the server sent on earlier links, as a relay would; and the link's own
 *       earlier frames again.</li>
 * </ul>
 *
 * <p>The members' half, over an authenticated link, needs the runtime's handshake and lives with the runtime's
 * tests. Skipped on a transport that keeps queues itself ({@link dev.mp4j.spi.NativeQueues}): no process serves
 * them, and its storage is private to this user.
 */
public abstract class FrameFuzzContract extends TransportContract {
    static final int FRAMES = 10_000;
    static final int MOST_PER_LINK = 24;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void tenThousandBadFramesFromStrangersChangeNothingAndTheServerStaysUp() throws Exception {
        ServedObjects.assumeQueuesAreServedOverLinks(transport());
        long seed = Long.getLong("mp4j.test.fuzzSeed", System.nanoTime());
        Random random = new Random(seed);
        String replay = " (seed " + seed + "; replay with -Dmp4j.test.fuzzSeed=" + seed + ")";

        Queue<List<Queue<String>>> handoff = mp().queue();
        Event stop = mp().event();
        Process target = mp().process(() -> {
            Queue<String> attacked = Multiprocessing.context().queue();
            handoff.put(List.of(attacked));
            stop.await();
            // the queue this process owns still answers in its owner after the attack
            attacked.put("the owner is fine");
            if (!"the owner is fine".equals(attacked.take())) {
                throw new IllegalStateException("the attacked queue lost an item in its owner");
            }
        }).name("FuzzTarget").start();
        try {
            List<Queue<String>> owned = handoff.poll(PATIENCE);
            assertNotNull(owned, "the target did not hand over its queue");
            Queue<String> attacked = owned.get(0);
            Token token = ServedObjects.tokenOf(attacked, transport());
            assertNotNull(token, "a Queue must serialize as a dev.mp4j.runtime.Token of its transport");

            int links = 0;
            int sent = 0;
            List<byte[]> fromServer = new ArrayList<>();
            try (Transport transport = Transports.provider(transport()).open()) {
                while (sent < FRAMES) {
                    Recorder recorder = new Recorder(false);
                    FrameLink link = transport.connect(token.owner(), recorder);
                    links++;
                    List<byte[]> ownFrames = new ArrayList<>();
                    if (random.nextInt(5) == 0) {
                        // reflection: the link's own challenge, sent back to the server that made it
                        byte[] challenge = recorder.awaitFrame(PATIENCE);
                        assertNotNull(challenge, "the server sent nothing on stranger link " + links + replay);
                        link.send(ByteBuffer.wrap(challenge));
                        fromServer.add(challenge);
                        sent++;
                    }
                    int burst = 1 + random.nextInt(MOST_PER_LINK);
                    for (int i = 0; i < burst && sent < FRAMES; i++) {
                        byte[] frame = strangerFrame(random, fromServer, ownFrames);
                        ownFrames.add(frame);
                        link.send(ByteBuffer.wrap(frame));
                        sent++;
                    }
                    link.send(ByteBuffer.allocate(0));
                    Recorder.Closed closed = recorder.awaitClose(PATIENCE);
                    link.close();
                    assertNotNull(closed, "the server kept stranger link " + links + " open for " + PATIENCE.toSeconds()
                            + " s after " + burst + " bad frames" + replay);
                    for (byte[] f = recorder.nextFrame(); f != null; f = recorder.nextFrame()) {
                        if (fromServer.size() < 256) {
                            fromServer.add(f);
                        }
                    }
                    assertTrue(recorder.violations().isEmpty(), recorder.violations() + replay);
                    if (links % 200 == 0) {
                        assertTrue(target.isAlive(), "the target died after " + sent + " frames" + replay);
                    }
                }
            }

            assertTrue(target.isAlive(), "the target died under " + sent + " frames on " + links + " links" + replay);
            assertEquals(0, attacked.size(), "a stranger's frame took effect on the attacked queue" + replay);
            attacked.put("a good peer");
            assertEquals("a good peer", attacked.poll(PATIENCE), "the target must serve a good peer afterwards" + replay);
            run(mp().process(() -> attacked.put("a good child")));
            assertEquals("a good child", attacked.poll(PATIENCE), "the target must serve a new child afterwards" + replay);
            stop.set();
            assertTrue(target.join(PATIENCE), "the target did not end" + replay);
            assertEquals(0, target.exitCode().orElse(-1), "the target must end normally" + replay);
        } finally {
            if (target.isAlive()) {
                target.kill();
            }
        }
    }

    /** A frame no handshake accepts; see the class comment for the kinds. */
    private static byte[] strangerFrame(Random random, List<byte[]> fromServer, List<byte[]> ownFrames) {
        int kind = random.nextInt(100);
        if (kind < 55) {
            return randomBytes(random, random.nextInt(FrameLink.PRE_AUTH_FRAME_BYTES + 1));
        }
        if (kind < 70) {
            return randomBytes(random, random.nextInt(40));
        }
        if (kind < 84) {
            return randomBytes(random, FrameLink.PRE_AUTH_FRAME_BYTES + 1 + random.nextInt(64 << 10));
        }
        if (kind < 85) {
            return randomBytes(random, 1 << 20);
        }
        if (kind < 95 && !fromServer.isEmpty()) {
            return fromServer.get(random.nextInt(fromServer.size())).clone();
        }
        if (!ownFrames.isEmpty()) {
            return ownFrames.get(random.nextInt(ownFrames.size())).clone();
        }
        return randomBytes(random, random.nextInt(100));
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }
}
