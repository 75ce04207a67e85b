package dev.mp4j.benchmarks;

import dev.mp4j.Connection;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.Context;
import dev.mp4j.Listener;
import dev.mp4j.Multiprocessing;
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

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A 64-byte round trip between a {@link Listener} in this JVM and a client process that echoes, over TCP on
 * localhost: Python's {@code listener_client_roundtrip}. SampleTime; set {@code ·p0.50} beside Python's median.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ListenerRoundTrip {
    private Listener listener;
    private Connection conn;
    private Process peer;

    static Task echo(String address, byte[] key) {
        return () -> {
            try (Connection c = Multiprocessing.context().connect(address, key)) {
                while (true) {
                    byte[] m = c.recvBytes();
                    if (m.length == 0) {
                        return;
                    }
                    c.sendBytes(m);
                }
            } catch (ConnectionClosedException listenerGone) {
                // nothing left to echo to
            }
        };
    }

    @Setup(Level.Trial)
    public void start() throws InterruptedException {
        Context ctx = Peers.context();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        listener = ctx.listen("tcp://127.0.0.1:0", key);
        peer = Peers.start(ctx, "listener-echo", echo(listener.address(), key));
        conn = listener.accept();
        if (!Arrays.equals(Peers.PAYLOAD_64, roundTrip())) {
            throw new IllegalStateException("the echo peer did not echo");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        conn.sendBytes(new byte[0]);
        Peers.stop(peer);
        conn.close();
        listener.close();
    }

    @Benchmark
    public byte[] roundTrip() throws InterruptedException {
        conn.sendBytes(Peers.PAYLOAD_64);
        return conn.recvBytes();
    }
}
