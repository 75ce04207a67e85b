package dev.mp4j.benchmarks;

import dev.mp4j.Context;
import dev.mp4j.Pool;
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

import java.util.concurrent.TimeUnit;

/**
 * {@code pool(2)} until its first result: Python's {@code pool_create_to_first_result}. The pool is closed
 * after each operation, outside the timing; SampleTime times each creation, so compare {@code ·p0.50}.
 *
 * <p>{@code spares=default} is mp4j's default: the workers are warm spare JVMs, replaced in the untimed pause
 * before each run (see {@link Spares#PAUSE_MILLIS}); {@code spares=0} starts both workers cold.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 8)
@State(Scope.Benchmark)
public class PoolStart {
    /** {@code default}: mp4j's spares; {@code 0}: none ({@code -Dmp4j.spares=0}). */
    @Param({"default", "0"})
    public String spares;
    Context ctx;
    Pool pool;

    @Setup(Level.Trial)
    public void setup() {
        Spares.set(spares);
        ctx = Peers.context();
    }

    @Setup(Level.Invocation)
    public void pause() throws InterruptedException {
        Spares.pause();
    }

    @Benchmark
    public int createToFirstResult() throws InterruptedException {
        pool = ctx.pool(2);
        return pool.apply(PoolBenchmarks::one);
    }

    @TearDown(Level.Invocation)
    public void closePool() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
