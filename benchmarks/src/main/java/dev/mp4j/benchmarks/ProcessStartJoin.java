package dev.mp4j.benchmarks;

import dev.mp4j.Context;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code start()} then {@code join()} of a peer JVM whose task does nothing: Python's {@code process_start_join}
 * (whose default start method, spawn, also starts a fresh interpreter). SampleTime times each run, so
 * {@code ·p0.50} is the number to set beside Python's median.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 6)
public class ProcessStartJoin {
    /** Python's {@code _noop}. */
    static final Task NOOP = () -> { };

    @State(Scope.Benchmark)
    public static class Ctx {
        Context ctx;

        @Setup(Level.Trial)
        public void setup() {
            ctx = Peers.context();
        }

        /** Every run joins its peer; make sure, and end any that a failed run left behind. */
        @TearDown(Level.Trial)
        public void teardown() throws InterruptedException {
            List<Process> left = Multiprocessing.activeChildren();
            for (Process p : left) {
                p.kill();
                p.join();
            }
            if (!left.isEmpty()) {
                throw new IllegalStateException(left.size() + " peer JVM(s) were still running: " + left);
            }
        }
    }

    /** One run: a new process for the empty task, started and joined; its exit code is checked, as in Python. */
    @Benchmark
    public int startJoin(Ctx s) throws InterruptedException {
        Process p = s.ctx.process(NOOP);
        p.start();
        p.join();
        int code = p.exitCode().orElse(Integer.MIN_VALUE);
        p.close();
        if (code != 0) {
            throw new IllegalStateException("exit code " + code);
        }
        return code;
    }
}
