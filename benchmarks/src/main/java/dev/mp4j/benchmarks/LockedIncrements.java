package dev.mp4j.benchmarks;

import dev.mp4j.Barrier;
import dev.mp4j.Context;
import dev.mp4j.Event;
import dev.mp4j.Process;
import dev.mp4j.RLock;
import dev.mp4j.SharedInt;
import dev.mp4j.Task;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Two peer JVMs each add 1 to one shared int 100,000 times, at once: Python's {@code locked_increments_2x100k}
 * ({@code with v.get_lock(): v.value += 1}). {@code locked} does the same as Python, a plain read and write under
 * the value's RLock; {@code atomic} uses {@code incrementAndGet()}, which Python does not have. One operation is
 * one round: this JVM releases both peers through a barrier and waits for the event the last one sets. The peers
 * live for the whole trial, so start-up is excluded, as in Python; the count is checked after every round.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class LockedIncrements {
    static final int PER_PEER = 100_000;

    @Param({"locked", "atomic"})
    public String how;

    SharedInt counter;
    SharedInt finished;
    SharedInt stop;
    Barrier start;
    Event done;
    Process[] peers = new Process[2];
    int rounds;

    @Setup(Level.Trial)
    public void setup() {
        Context ctx = Peers.context();
        counter = ctx.sharedInt(0);
        finished = ctx.sharedInt(0);
        stop = ctx.sharedInt(0);
        start = ctx.barrier(3, null, Duration.ofSeconds(60));
        done = ctx.event();
        boolean locked = how.equals("locked");
        for (int i = 0; i < peers.length; i++) {
            peers[i] = Peers.start(ctx, "incrementer-" + i, peer(locked, counter, finished, stop, start, done));
        }
    }

    static Task peer(boolean locked, SharedInt counter, SharedInt finished, SharedInt stop, Barrier start, Event done) {
        return () -> {
            RLock lock = counter.lock();
            for (;;) {
                start.await();
                if (stop.get() != 0) {
                    return;
                }
                if (locked) {
                    for (int k = 0; k < PER_PEER; k++) {
                        lock.lock();
                        try {
                            counter.set(counter.get() + 1);
                        } finally {
                            lock.unlock();
                        }
                    }
                } else {
                    for (int k = 0; k < PER_PEER; k++) {
                        counter.incrementAndGet();
                    }
                }
                if (finished.incrementAndGet() % 2 == 0) {
                    done.set();
                }
            }
        };
    }

    @Benchmark
    public int twoPeersTimes100k() throws Exception {
        done.clear();
        start.await();
        if (!done.await(Peers.READY_TIMEOUT)) {
            throw new IllegalStateException("the peers did not finish a round within a minute");
        }
        rounds++;
        int expected = rounds * 2 * PER_PEER;
        if (counter.get() != expected) {
            throw new IllegalStateException("lost increments: " + counter.get() + " instead of " + expected);
        }
        return expected;
    }

    @TearDown(Level.Trial)
    public void teardown() throws Exception {
        stop.set(1);
        start.await(Duration.ofSeconds(30));
        for (Process p : peers) {
            Peers.stop(p);
        }
    }
}
