package dev.mp4j.benchmarks;

import dev.mp4j.Connection;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.Context;
import dev.mp4j.Pipe;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.Task;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One 200 MiB {@code byte[]} (byte k = k % 256, as Python's {@code bytes(range(256)) * (BIG_SIZE // 256)}) to a
 * peer JVM: Python's {@code big_queue_to_child_200MB} and {@code big_pipe_round_trip_200MB}.
 *
 * <ul>
 *   <li>{@link #queueToChild}: the benchmark thread puts the array on a {@link Queue}; the peer takes it and puts
 *       its length (an {@code Integer}) on a second queue. One operation = the put + that acknowledgement taken
 *       (Python: {@code q.put(payload)}, then {@code acks.get()}).</li>
 *   <li>{@link #pipeRoundTrip}: the benchmark thread sends the array through a duplex {@link Pipe} with
 *       {@code sendBytes}; the peer receives it whole with {@code recvBytes} and sends it back whole. One operation
 *       = the send + the whole 200 MiB received back (Python: {@code send_bytes} / {@code recv_bytes}, the raw
 *       bytes path on both sides).</li>
 * </ul>
 *
 * <p>The array is allocated once per trial. Each peer is started once per trial and answers one small message
 * (64 bytes) in the setup, so its start-up falls in neither warm-up nor measurement (Python's warm-up operation
 * absorbs its child's start-up instead). Each operation moves 200 MiB (400 MiB for the round trip), so this runs
 * SingleShotTime, one operation per iteration: the score is ms per operation, the mean over the iterations, to set
 * beside Python's median over its repetitions (each of one timed operation); with {@code -rf json} the iterations'
 * own values are kept. The benchmark JVM and the peers get {@value #HEAP} (the peers through
 * {@link Process#jvmArgs}; flags from {@code -Dbench.peerJvmArgs} come after it, so they can override it).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {BigMessages.HEAP})
@Warmup(iterations = 1, batchSize = 1)
@Measurement(iterations = 5, batchSize = 1)
public class BigMessages {
    /** Python's BIG_SIZE: 200 MiB. */
    static final int SIZE = 200 * 1024 * 1024;

    /** The heap of the benchmark JVM and of each peer: room for the array and its copies in flight. */
    static final String HEAP = "-Xmx2g";

    /** What stops the queue peer (an mp4j Queue refuses null; Python puts None). */
    static final String STOP = "stop";

    /** The 200 MiB payload, byte k = k % 256. */
    static byte[] bigPayload() {
        byte[] b = new byte[SIZE];
        for (int k = 0; k < SIZE; k++) {
            b[k] = (byte) k;
        }
        return b;
    }

    /** {@link Peers#start} with {@value #HEAP} for the peer, before any {@code -Dbench.peerJvmArgs} flags. */
    static Process start(Context ctx, String name, Task task) {
        Process p = ctx.process(task).name(name).daemon(true).jvmArgs(HEAP);
        String extra = System.getProperty(Peers.PEER_JVM_ARGS, "").strip();
        if (!extra.isEmpty()) {
            p.jvmArgs(extra.replace("{name}", name).split("\\s+"));
        }
        return p.start();
    }

    // ---- peer tasks: static, so that the serializable lambdas capture only what they use

    /** Python's {@code _big_taker}: takes arrays and acknowledges each with its length; {@link #STOP} stops it. */
    static Task taker(Queue<Object> q, Queue<Integer> acks) {
        return () -> {
            try {
                while (q.take() instanceof byte[] b) {
                    acks.put(b.length);
                }
            } finally {
                acks.close();     // flushes this peer's puts before it ends
            }
        };
    }

    /** Python's {@code _echo_bytes}: recvBytes / sendBytes, the whole message back; an empty message stops it. */
    static Task echoBytes(Connection conn) {
        return () -> {
            try (conn) {
                while (true) {
                    byte[] m = conn.recvBytes();
                    if (m.length == 0) {
                        return;
                    }
                    conn.sendBytes(m);
                }
            } catch (ConnectionClosedException parentGone) {
                // nothing left to echo to
            }
        };
    }

    // ---- states

    /** The queue peer and its two queues. */
    @State(Scope.Benchmark)
    public static class QueueState {
        byte[] payload;
        Queue<Object> q;
        Queue<Integer> acks;
        Process peer;

        @Setup(Level.Trial)
        public void setup() throws InterruptedException {
            payload = bigPayload();
            Context ctx = Peers.context();
            q = ctx.queue();
            acks = ctx.queue();
            peer = start(ctx, "big-taker", taker(q, acks));
            try {
                send(Peers.PAYLOAD_64);     // waits for the peer's start-up
            } catch (RuntimeException | InterruptedException e) {
                try {
                    stop();
                } catch (RuntimeException | InterruptedException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        /** Puts {@code item}, then waits for its acknowledgement (timed, so that a dead peer fails the run). */
        int send(byte[] item) throws InterruptedException {
            q.put(item);
            Integer n = acks.poll(Peers.READY_TIMEOUT);
            if (n == null) {
                throw new IllegalStateException("no acknowledgement within " + Peers.READY_TIMEOUT);
            }
            if (n != item.length) {
                throw new IllegalStateException("the peer took " + n + " bytes, not " + item.length);
            }
            return n;
        }

        @TearDown(Level.Trial)
        public void teardown() throws InterruptedException {
            stop();
        }

        void stop() throws InterruptedException {
            if (q == null || acks == null) {
                return;                // the context failed before any peer was started
            }
            try {
                if (peer != null && peer.isAlive()) {
                    q.put(STOP);
                }
                Peers.stop(peer);
            } finally {
                q.close();
                acks.close();
            }
            if (!q.isEmpty() || !acks.isEmpty()) {
                throw new IllegalStateException("items left: " + q.size() + " in the queue, " + acks.size()
                        + " acknowledgements");
            }
        }
    }

    /** A duplex pipe and the echo peer holding its right end. */
    @State(Scope.Benchmark)
    public static class PipeState {
        byte[] payload;
        byte[] last;
        Connection conn;
        Process peer;

        @Setup(Level.Trial)
        public void setup() throws InterruptedException {
            payload = bigPayload();
            Context ctx = Peers.context();
            Pipe pipe = ctx.pipe(true);
            Connection peerEnd = pipe.right();
            peer = start(ctx, "big-echo", echoBytes(peerEnd));
            peerEnd.close();           // as Python's child.close() after start: the peer holds its own copy
            conn = pipe.left();
            try {
                conn.sendBytes(Peers.PAYLOAD_64);     // waits for the peer's start-up
                if (!Arrays.equals(Peers.PAYLOAD_64, conn.recvBytes())) {
                    throw new IllegalStateException("echo mismatch on the first round trip");
                }
            } catch (RuntimeException | InterruptedException e) {
                try {
                    stop();
                } catch (RuntimeException | InterruptedException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        byte[] roundTrip() throws InterruptedException {
            conn.sendBytes(payload);
            return last = conn.recvBytes();
        }

        /** Python checks the echo after its clock stops; this checks it after each iteration (one operation). */
        @TearDown(Level.Iteration)
        public void check() {
            byte[] l = last;
            last = null;               // 200 MiB that need not stay live
            if (l != null && !Arrays.equals(payload, l)) {
                throw new IllegalStateException("echo mismatch: " + l.length + " bytes back of " + payload.length);
            }
        }

        @TearDown(Level.Trial)
        public void teardown() throws InterruptedException {
            stop();
        }

        void stop() throws InterruptedException {
            try {
                if (conn != null && !conn.isClosed()) {
                    try {
                        conn.sendBytes(new byte[0]);
                    } catch (RuntimeException alreadyGone) {
                        // the peer is gone already; Peers.stop() will tell how it ended
                    }
                }
                Peers.stop(peer);
            } finally {
                Peers.close(conn);
            }
        }
    }

    // ---- benchmarks: one operation = one 200 MiB message delivered (and, for the pipe, back)

    /** {@code big_queue_to_child_200MB}: put(200 MiB), then take the peer's acknowledgement. */
    @Benchmark
    public int queueToChild(QueueState s) throws InterruptedException {
        return s.send(s.payload);
    }

    /** {@code big_pipe_round_trip_200MB}: sendBytes(200 MiB), then recvBytes() of the whole echo. */
    @Benchmark
    public byte[] pipeRoundTrip(PipeState s) throws InterruptedException {
        return s.roundTrip();
    }
}
