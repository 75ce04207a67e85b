package dev.mp4j.transport.netty;

import dev.mp4j.Connection;
import dev.mp4j.Context;
import dev.mp4j.Event;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Pipe;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.core.codec.Codec;
import dev.mp4j.core.link.Node;
import dev.mp4j.core.link.Peer;
import dev.mp4j.core.link.Wire;
import dev.mp4j.core.process.ProcessTree;
import dev.mp4j.runtime.Token;
import dev.mp4j.runtime.Transports;
import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import dev.mp4j.spi.FrameServer;
import dev.mp4j.spi.LinkAcceptor;
import dev.mp4j.spi.Transport;
import dev.mp4j.spi.TransportProvider;
import dev.mp4j.tck.ServedObjects;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hardening deliverable 4, the members' half of the frame fuzzer: {@value #FRAMES} malformed, truncated, oversized
 * and replayed frames over links that authenticated with the tree's key, at the server of a child that owns a queue
 * and a pipe. A buggy or hostile member must not bring its owner down: the child must stay up, serve a good peer
 * on a queue the frames did not aim at, and end normally. (The strangers' half is the TCK's
 * {@link dev.mp4j.tck.FrameFuzzContract}.)
 *
 * <p>The runtime's own client ({@link Peer}) does the handshake, on a transport this test wraps so that it keeps
 * the raw link: afterwards the test sends over it what no runtime would, past every check of the client. The frames
 * come from a seeded {@link Random}; a failure names the seed, and {@code -Dmp4j.test.fuzzSeed=N} replays it.
 *
 * <ul>
 *   <li>well-formed headers with the ops of queues and pipes, aimed at the attacked queue and pipe end or at ids
 *       that name nothing, with edge-case arguments and payloads of random bytes or of real encoded items;</li>
 *   <li>the link's own ops (replies, cancels, syncs, ops no version knows), and the handshake's frames again;</li>
 *   <li>truncated frames, shorter than the header, and oversized ones, past the child's frame limit, both of which
 *       end the link: the test connects again and goes on;</li>
 *   <li>replays of frames sent before.</li>
 * </ul>
 */
class MemberFrameFuzzTest {
    static final int FRAMES = 10_000;
    /** The child's frame limit, low so that an oversized frame costs little. */
    private static final int TARGET_LIMIT = 64 << 10;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long[] EDGES = {0, 1, -1, 2, 7, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
            Long.MIN_VALUE, 1L << 32, 1_000_000_000_000L};

    @ParameterizedTest
    @ValueSource(strings = {"netty", "netty-tcp"})
    @Timeout(600)
    void tenThousandBadFramesFromAMemberLeaveTheOwnerUpAndServing(String transport) throws Exception {
        long seed = Long.getLong("mp4j.test.fuzzSeed", System.nanoTime());
        Random random = new Random(seed);
        String replay = " (seed " + seed + "; replay with -Dmp4j.test.fuzzSeed=" + seed + ")";
        Context mp = Multiprocessing.context(transport);

        Queue<List<Object>> handoff = mp.queue();
        Event stop = mp.event();
        Process target = mp.process(() -> {
            Context here = Multiprocessing.context();
            Queue<String> attacked = here.queue();
            Queue<String> clean = here.queue();
            Pipe pipe = here.pipe();
            handoff.put(List.of(attacked, clean, pipe.left()));
            stop.await();
            clean.put("the owner is fine");
            if (!"the owner is fine".equals(clean.take())) {
                throw new IllegalStateException("the clean queue lost an item in its owner");
            }
        }).name("FuzzTarget").jvmArgs("-D" + NettyTransport.MAX_FRAME_PROPERTY + "=" + TARGET_LIMIT).start();

        CapturingProvider provider = new CapturingProvider(Transports.provider(transport));
        Node member = new Node(provider, () -> ProcessTree.get().authkey());
        try {
            List<Object> owned = handoff.poll(PATIENCE);
            assertNotNull(owned, "the target did not hand over its objects");
            @SuppressWarnings("unchecked")
            Queue<String> clean = (Queue<String>) owned.get(1);
            Token attackedQueue = ServedObjects.tokenOf(owned.get(0), transport);
            Token cleanQueue = ServedObjects.tokenOf(clean, transport);
            Token attackedPipe = ServedObjects.tokenOf((Connection) owned.get(2), transport);
            String address = attackedQueue.owner();
            long[] aimedAt = {attackedQueue.id(), attackedPipe.id()};

            List<byte[]> history = new ArrayList<>();
            int links = 0;
            int sent = 0;
            while (sent < FRAMES) {
                Peer peer = member.peer(address);
                links++;
                FrameLink raw = provider.lastLink();
                history.addAll(provider.handshakeFrames());
                boolean ended = false;
                while (!ended && sent < FRAMES) {
                    byte[] frame = memberFrame(random, aimedAt, cleanQueue.id(), history);
                    if (history.size() < 512) {
                        history.add(frame);
                    }
                    if (!raw.send(ByteBuffer.wrap(frame)) || !peer.isOpen()) {
                        ended = true; // the owner closed the link: connect again, and go on there
                        break;
                    }
                    sent++;
                    ended = frame.length < Wire.HEADER || frame.length > TARGET_LIMIT;
                    if (sent % 1000 == 0) {
                        assertTrue(target.isAlive(), "the target died after " + sent + " frames" + replay);
                        assertEquals(0, clean.size(), "the clean queue answers, untouched" + replay);
                    }
                }
                if (ended) {
                    long deadline = System.nanoTime() + PATIENCE.toNanos();
                    while (peer.isOpen() && System.nanoTime() < deadline) {
                        Thread.sleep(1);
                    }
                    assertTrue(!peer.isOpen(), "the owner kept a link open after a frame it cannot read" + replay);
                }
            }

            assertTrue(target.isAlive(), "the target died under " + sent + " frames on " + links + " links" + replay);
            clean.put("a good peer");
            assertEquals("a good peer", clean.poll(PATIENCE), "the target must serve a good peer afterwards" + replay);
            Process child = mp.process(() -> clean.put("a good child")).start();
            assertTrue(child.join(PATIENCE));
            assertEquals("a good child", clean.poll(PATIENCE), "the target must serve a new child afterwards" + replay);
            stop.set();
            assertTrue(target.join(PATIENCE), "the target did not end" + replay);
            assertEquals(0, target.exitCode().orElse(-1), "the target must end normally" + replay);
        } finally {
            member.close();
            if (target.isAlive()) {
                target.kill();
            }
        }
    }

    /** One frame a member might send; see the class comment for the kinds. */
    private static byte[] memberFrame(Random random, long[] aimedAt, long spared, List<byte[]> history) {
        int kind = random.nextInt(100);
        if (kind < 2) {
            return randomBytes(random, random.nextInt(Wire.HEADER));
        }
        if (kind < 3) {
            return randomBytes(random, TARGET_LIMIT + 1 + random.nextInt(TARGET_LIMIT));
        }
        if (kind < 13 && !history.isEmpty()) {
            return history.get(random.nextInt(history.size())).clone();
        }
        byte op;
        long x;
        if (kind < 80) {
            // an op of a queue (kind 2) or a pipe (kind 1), at the attacked objects or at ids that name nothing
            op = Wire.op(1 + random.nextInt(2), random.nextInt(16));
            x = random.nextInt(4) > 0 ? aimedAt[random.nextInt(aimedAt.length)] : arg(random);
        } else if (kind < 90) {
            op = (byte) random.nextInt(16); // the link's own ops, the handshake's among them
            x = arg(random);
        } else {
            op = (byte) random.nextInt(256); // any kind, known or not
            x = arg(random);
        }
        if (x == spared) {
            x++;
        }
        byte[] payload = switch (random.nextInt(4)) {
            case 0 -> new byte[0];
            case 1 -> Codec.encode("item " + random.nextInt());
            default -> randomBytes(random, random.nextInt(300));
        };
        ByteBuffer f = Wire.frame(op, x, arg(random), arg(random), payload);
        byte[] bytes = new byte[f.remaining()];
        f.get(bytes);
        return bytes;
    }

    private static long arg(Random random) {
        return random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextLong();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /**
     * A transport as it is, except that it keeps the last link it connected and the frames the runtime's client
     * sent on it during the handshake.
     */
    private static final class CapturingProvider implements TransportProvider {
        private final TransportProvider real;
        private final List<byte[]> handshake = new CopyOnWriteArrayList<>();
        private volatile FrameLink last;

        CapturingProvider(TransportProvider real) {
            this.real = real;
        }

        FrameLink lastLink() {
            return last;
        }

        /** @return the handshake frames the client sent on the last link, taken */
        List<byte[]> handshakeFrames() {
            List<byte[]> frames = List.copyOf(handshake);
            handshake.clear();
            return frames;
        }

        @Override
        public int spiVersion() {
            return real.spiVersion();
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public int priority() {
            return real.priority();
        }

        @Override
        public boolean isAvailable() {
            return real.isAvailable();
        }

        @Override
        public Throwable unavailabilityCause() {
            return real.unavailabilityCause();
        }

        @Override
        public List<String> childJvmArgs() {
            return real.childJvmArgs();
        }

        @Override
        public Transport open() throws IOException {
            Transport t = real.open();
            return new Transport() {
                @Override
                public FrameServer listen(LinkAcceptor acceptor) throws IOException {
                    return t.listen(acceptor);
                }

                @Override
                public FrameLink connect(String address, FrameHandler handler) throws IOException {
                    FrameLink link = t.connect(address, new FrameHandler() {
                        @Override
                        public void onFrame(FrameLink l, ByteBuffer frame) {
                            handler.onFrame(new Tap(l), frame);
                        }

                        @Override
                        public void onClose(FrameLink l, Throwable cause) {
                            handler.onClose(l, cause);
                        }
                    });
                    last = link;
                    return link;
                }

                @Override
                public int maxFrameBytes() {
                    return t.maxFrameBytes();
                }

                @Override
                public void close() {
                    t.close();
                }
            };
        }

        /** The link the client answers on, keeping a copy of what it sends. */
        private final class Tap implements FrameLink {
            private final FrameLink link;

            Tap(FrameLink link) {
                this.link = link;
            }

            @Override
            public boolean send(ByteBuffer frame) {
                byte[] copy = new byte[frame.remaining()];
                frame.duplicate().get(copy);
                handshake.add(copy);
                return link.send(frame);
            }

            @Override
            public boolean isOpen() {
                return link.isOpen();
            }

            @Override
            public void authenticated() {
                link.authenticated();
            }

            @Override
            public void close() {
                link.close();
            }
        }
    }
}
