package dev.mp4j.benchmarks;

import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.SharedLong;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code start()} then {@code join()} of a peer JVM whose task does nothing: Python's {@code process_start_join}
 * (whose default start method, spawn, also starts a fresh interpreter). SampleTime times each run, so
 * {@code ·p0.50} is the number to set beside Python's median.
 *
 * <p>{@code spares=default} is mp4j's default, a warm spare JVM taking the task; {@code spares=0} starts every child
 * cold. Each run starts after a pause ({@link Spares#PAUSE_MILLIS}, untimed) in which the spare taken by the run
 * before is replaced: this measures a program that starts a process now and then. A program that starts processes
 * back to back faster than a JVM boots gets spares for the first few and cold starts after that.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 10)
public class ProcessStartJoin {
    /** Python's {@code _noop}. */
    static final Task NOOP = () -> { };

    @State(Scope.Benchmark)
    public static class Ctx {
        /** {@code default}: mp4j's spares; {@code 0}: none ({@code -Dmp4j.spares=0}). */
        @Param({"default", "0"})
        public String spares;
        Context ctx;
        SharedLong firstLine;

        @Setup(Level.Trial)
        public void setup() {
            Spares.set(spares);
            ctx = Peers.context();
            firstLine = ctx.sharedLong(0);
        }

        @Setup(Level.Invocation)
        public void pause() throws InterruptedException {
            Spares.pause();
        }

        /** Every run joins its peer; make sure, and end any that a failed run left behind. */
        @TearDown(Level.Trial)
        public void teardown() throws InterruptedException {
            List<Process> left = Multiprocessing.activeChildren();
            for (Process p : left) {
                p.kill();
                p.join();
            }
            firstLine.close();
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

    /** The child of {@link #startToFirstInstruction}, joined after the timing. */
    @State(Scope.Thread)
    public static class Started {
        Process p;

        @TearDown(Level.Invocation)
        public void join() throws InterruptedException {
            if (p != null) {
                p.join();
                int code = p.exitCode().orElse(Integer.MIN_VALUE);
                p.close();
                p = null;
                if (code != 0) {
                    throw new IllegalStateException("exit code " + code);
                }
            }
        }
    }

    /**
     * {@code start()} until the task's first line has run: the task's one line writes to a shared long, and the run
     * ends when that write shows here, within a few hundred nanoseconds. The join is not timed.
     */
    @Benchmark
    public long startToFirstInstruction(Ctx s, Started started) {
        SharedLong firstLine = s.firstLine;
        firstLine.set(0);
        started.p = s.ctx.process(() -> firstLine.set(1)).start();
        long v;
        while ((v = firstLine.get()) == 0) {
            Thread.onSpinWait();
        }
        return v;
    }
}
