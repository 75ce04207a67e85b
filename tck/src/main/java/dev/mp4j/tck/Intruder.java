package dev.mp4j.tck;

import dev.mp4j.AuthenticationException;
import dev.mp4j.Queue;
import dev.mp4j.runtime.Transports;
import dev.mp4j.spi.FrameLink;
import dev.mp4j.spi.Transport;

import java.io.InputStream;
import java.io.ObjectInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * A process that is not in the tree trying to get in, for {@link AuthenticationContract}. It is a plain JVM started
 * by the test, not a child, so its runtime makes up an authkey of its own. Two ways in:
 *
 * <ul>
 *   <li>{@code queue <file>}: reads a queue the test serialized into a file only this user can read, and puts
 *       {@value #ITEM} into it, as a member of the tree would;</li>
 *   <li>{@code raw <transport> <address> garbage|large}: opens the transport itself and speaks frames to the
 *       owner's server without any handshake: frames of random bytes and empty ones, or one of
 *       {@value #LARGE_FRAME} random bytes (the size every link must carry).</li>
 * </ul>
 *
 * <p>Exit status: {@value #REFUSED} when it was refused (an {@link AuthenticationException}; for {@code raw}, the
 * server closed the link), {@value #GOT_IN} when nothing stopped it, anything else when it failed otherwise. It says
 * which on stderr, in a line that starts with {@value PeerJvm#REPORT}.
 */
public final class Intruder {
    /** What the intruder puts into the queue. */
    static final String ITEM = "an intruder got in";
    /** The exit status of an intruder that was refused. */
    static final int REFUSED = 3;
    /** The exit status of an intruder that nothing stopped. */
    static final int GOT_IN = 4;

    /** The largest frame every link must carry (see {@link FrameLink}): 16 MiB. */
    static final int LARGE_FRAME = 16 << 20;

    /** How long a raw intruder waits for the server to close its link. */
    private static final Duration SERVER_PATIENCE = Duration.ofSeconds(60);

    private Intruder() {}

    /**
     * Tries to get in; see the class comment for the arguments and the exit status.
     *
     * @param args {@code queue <file>}, or {@code raw <transport> <address> garbage|large}
     */
    public static void main(String[] args) throws Exception {
        int status;
        try {
            status = switch (args[0]) {
                case "queue" -> putInto(Path.of(args[1]));
                case "raw" -> speakRaw(args[1], args[2], args[3]);
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            };
        } catch (Throwable t) {
            AuthenticationException refusal = authenticationFailure(t);
            if (refusal != null) {
                report("refused: " + refusal);
                status = REFUSED;
            } else {
                report("failed: " + t);
                t.printStackTrace();
                status = 1;
            }
        }
        System.out.flush();
        System.err.flush();
        // exit, not halt: the runtime and the transport remove what they made (socket files) in their exit hooks.
        System.exit(status);
    }

    @SuppressWarnings("unchecked")
    private static int putInto(Path file) throws Exception {
        Queue<String> q;
        try (InputStream in = Files.newInputStream(file); ObjectInputStream objects = new ObjectInputStream(in)) {
            q = (Queue<String>) objects.readObject();
        }
        q.put(ITEM);
        // put may return before the item leaves (as Python's feeder thread does); these calls wait for the owner,
        // so a refusal that put did not report must surface here.
        q.size();
        q.close();
        report("got in: the put, size and close all went through");
        return GOT_IN;
    }

    private static int speakRaw(String transportName, String address, String kind) throws Exception {
        try (Transport transport = Transports.provider(transportName).open()) {
            Recorder recorder = new Recorder(false);
            FrameLink link = transport.connect(address, recorder);
            int sent = 0;
            for (ByteBuffer frame : frames(kind)) {
                // false once the server has closed the link: that is what the test waits for anyway.
                if (link.send(frame)) {
                    sent++;
                }
            }
            Recorder.Closed closed = recorder.awaitClose(SERVER_PATIENCE);
            if (closed == null) {
                link.close();
                report("got in: the server kept the link open for " + SERVER_PATIENCE.toSeconds() + " s after "
                        + sent + " " + kind + " frames");
                return GOT_IN;
            }
            report("refused: the server closed the link (cause: " + closed.cause() + ") after " + sent + " " + kind
                    + " frames went out; it had sent " + recorder.frameCount() + " frames");
            return REFUSED;
        }
    }

    private static List<ByteBuffer> frames(String kind) {
        Random random = new Random();
        return switch (kind) {
            case "garbage" -> List.of(randomFrame(random, 1), ByteBuffer.allocate(0), randomFrame(random, 77),
                    randomFrame(random, 4096), ByteBuffer.allocate(0), randomFrame(random, 100_000));
            case "large" -> List.of(randomFrame(random, LARGE_FRAME));
            default -> throw new IllegalArgumentException("unknown kind of frames " + kind);
        };
    }

    private static ByteBuffer randomFrame(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }

    /** @return the {@link AuthenticationException} in the causes of {@code t}, or null */
    private static AuthenticationException authenticationFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof AuthenticationException a) {
                return a;
            }
        }
        return null;
    }

    private static void report(String line) {
        System.err.println(PeerJvm.REPORT + line);
    }
}
