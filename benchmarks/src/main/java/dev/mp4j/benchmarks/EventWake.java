package dev.mp4j.benchmarks;

import dev.mp4j.Context;
import dev.mp4j.Event;
import dev.mp4j.Process;
import dev.mp4j.SharedInt;
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

import java.util.concurrent.TimeUnit;

/**
 * {@code Event.set()} in this JVM until a peer parked in {@code Event.await()} runs again: Python's
 * {@code event_wake_latency}. Before each operation (untimed) the peer says it is about to wait, and this JVM
 * sleeps 5 ms so that the peer is surely parked. The operation sets {@code go} and spins on {@code ack}, which
 * the peer sets as soon as it wakes; the spin costs well under a microsecond, so the time is the peer's
 * wake-up latency. {@code ·p0.50} compares with Python's median.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class EventWake {
    Event go;
    Event ack;
    Event waiting;
    SharedInt stop;
    Process peer;

    @Setup(Level.Trial)
    public void setup() {
        Context ctx = Peers.context();
        go = ctx.event();
        ack = ctx.event();
        waiting = ctx.event();
        stop = ctx.sharedInt(0);
        Event g = go;
        Event a = ack;
        Event w = waiting;
        SharedInt s = stop;
        peer = Peers.start(ctx, "event-waiter", () -> {
            while (s.get() == 0) {
                w.set();
                g.await();
                a.set();
                g.clear();
            }
        });
    }

    @Setup(Level.Invocation)
    public void peerParked() throws InterruptedException {
        if (!waiting.await(Peers.READY_TIMEOUT)) {
            throw new IllegalStateException("the peer is not waiting");
        }
        waiting.clear();
        ack.clear();
        Thread.sleep(5);
    }

    @Benchmark
    public boolean setToWake() {
        go.set();
        while (!ack.isSet()) {
            Thread.onSpinWait();
        }
        return true;
    }

    @TearDown(Level.Trial)
    public void teardown() throws InterruptedException {
        stop.set(1);
        waiting.await(Peers.READY_TIMEOUT);
        go.set();
        Peers.stop(peer);
    }
}
