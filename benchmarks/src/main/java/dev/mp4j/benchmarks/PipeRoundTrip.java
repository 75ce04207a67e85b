package dev.mp4j.benchmarks;

import dev.mp4j.Connection;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.Context;
import dev.mp4j.Pipe;
import dev.mp4j.Process;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Round trip through a duplex {@link Pipe} to an echo peer JVM: Python's {@code pipe_roundtrip_bytes} and
 * {@code pipe_roundtrip_object}.
 *
 * <p>The benchmark thread holds the left end; the peer, started once per trial, holds a copy of the right end
 * and echoes every message until the stop word. One operation = send + the echoed reply received. SampleTime
 * times each round trip, so {@code ·p0.50} is the number to set beside Python's median (Python also times each
 * round trip on its own and reports the median).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class PipeRoundTrip {

    /** Python's {@code PAYLOAD_OBJ = (42, "hello", 3.14)}: an immutable list of the same three values. */
    static final List<Object> PAYLOAD_OBJ = List.of(42, "hello", 3.14);

    // ---- peer tasks: static, so that the serializable lambdas capture only the connection

    /** Python's {@code _echo_bytes}: recvBytes / sendBytes; an empty message stops it. */
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

    /** Python's {@code _echo_object}: recv / send, decoding and re-encoding each message; null stops it. */
    static Task echoObjects(Connection conn) {
        return () -> {
            try (conn) {
                while (true) {
                    Object o = conn.recv();
                    if (o == null) {
                        return;
                    }
                    conn.send(o);
                }
            } catch (ConnectionClosedException parentGone) {
                // nothing left to echo to
            }
        };
    }

    /** A duplex pipe and the echo peer holding its right end. */
    abstract static class Echo {
        Connection conn;
        Process peer;

        // inherited by each concrete @State subclass: JMH runs superclass fixtures too
        @TearDown(Level.Trial)
        public void teardown() throws InterruptedException {
            stop();
        }

        abstract Task task(Connection peerEnd);

        /**
         * Starts the peer and makes one round trip, so that the peer's start-up falls in neither warm-up nor
         * measurement (Python's first warm-up round trip waits for its child's start-up instead).
         */
        void start(String name) throws InterruptedException {
            Context ctx = Peers.context();
            Pipe pipe = ctx.pipe(true);
            Connection peerEnd = pipe.right();
            peer = Peers.start(ctx, name, task(peerEnd));
            peerEnd.close();           // as Python's child.close() after start: the peer holds its own copy
            conn = pipe.left();
            try {
                roundTrip();
                check();
            } catch (RuntimeException | InterruptedException e) {
                try {
                    stop();
                } catch (RuntimeException | InterruptedException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        /** One round trip, keeping the reply for {@link #check()}. */
        abstract Object roundTrip() throws InterruptedException;

        /** Python checks the last echo of each repetition; this checks it after each iteration. */
        public abstract void check();

        abstract void sendStop();

        void stop() throws InterruptedException {
            try {
                if (conn != null && !conn.isClosed()) {
                    sendStop();
                }
                Peers.stop(peer);
            } finally {
                Peers.close(conn);
            }
        }
    }

    @State(Scope.Benchmark)
    public static class BytesEcho extends Echo {
        byte[] last;

        @Override
        Task task(Connection peerEnd) {
            return echoBytes(peerEnd);
        }

        @Setup(Level.Trial)
        public void setup() throws InterruptedException {
            start("echo-bytes");
        }

        @Override
        byte[] roundTrip() throws InterruptedException {
            conn.sendBytes(Peers.PAYLOAD_64);
            return last = conn.recvBytes();
        }

        @Override
        @TearDown(Level.Iteration)
        public void check() {
            if (!Arrays.equals(Peers.PAYLOAD_64, last)) {
                throw new IllegalStateException("echo mismatch: " + Arrays.toString(last));
            }
        }

        @Override
        void sendStop() {
            conn.sendBytes(new byte[0]);
        }
    }

    @State(Scope.Benchmark)
    public static class ObjectEcho extends Echo {
        Object last;

        @Override
        Task task(Connection peerEnd) {
            return echoObjects(peerEnd);
        }

        @Setup(Level.Trial)
        public void setup() throws InterruptedException {
            start("echo-objects");
        }

        @Override
        Object roundTrip() throws InterruptedException {
            conn.send(PAYLOAD_OBJ);
            return last = conn.recv();
        }

        @Override
        @TearDown(Level.Iteration)
        public void check() {
            if (!PAYLOAD_OBJ.equals(last)) {
                throw new IllegalStateException("echo mismatch: " + last);
            }
        }

        @Override
        void sendStop() {
            conn.send(null);
        }
    }

    /** {@code pipe_roundtrip_bytes}: sendBytes(PAYLOAD_64), then recvBytes() of the echo. */
    @Benchmark
    public byte[] bytes64(BytesEcho s) throws InterruptedException {
        return s.roundTrip();
    }

    /** {@code pipe_roundtrip_object}: send((42, "hello", 3.14)), then recv() of the echo. */
    @Benchmark
    public Object smallObject(ObjectEcho s) throws InterruptedException {
        return s.roundTrip();
    }
}
