package dev.mp4j.benchmarks;

import dev.mp4j.AsyncResult;
import dev.mp4j.Context;
import dev.mp4j.Pool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A pool of two workers doing Python's pool workloads: {@code pool_map_1m_chunk10000},
 * {@code pool_map_1m_default}, {@code pool_apply_async_10k} and {@code pool_imap_unordered_100k_chunk1000}.
 * The pool lives for the whole trial, as Python's does for the whole workload; its start-up is
 * {@link PoolStart}'s business. Every result is checked.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class PoolBenchmarks {
    static final int MAP_N = 1_000_000;
    static final int APPLY_N = 10_000;
    static final int IMAP_N = 100_000;

    Pool pool;
    List<Integer> data;

    static int square(int x) {
        return x * x;
    }

    static int one() {
        return 1;
    }

    @Setup(Level.Trial)
    public void setup() {
        Context ctx = Peers.context();
        pool = ctx.pool(2);
        data = IntStream.range(0, MAP_N).boxed().toList();
    }

    @TearDown(Level.Trial)
    public void teardown() {
        pool.close();
    }

    private static List<Integer> check(List<Integer> out) {
        if (out.size() != MAP_N || out.get(MAP_N - 1) != square(MAP_N - 1)) {
            throw new IllegalStateException("wrong map result");
        }
        return out;
    }

    /** Python: {@code pool.map(_square, data, chunksize=10000)}. */
    @Benchmark
    public List<Integer> map1MChunk10000() throws InterruptedException {
        return check(pool.map(PoolBenchmarks::square, data, 10_000));
    }

    /** Python: {@code pool.map(_square, data)}; the default chunksize is ceil(n / (4 × 2)). */
    @Benchmark
    public List<Integer> map1MDefaultChunksize() throws InterruptedException {
        return check(pool.map(PoolBenchmarks::square, data));
    }

    /** Python: 10,000 {@code apply_async(_one)}, then every {@code get()}; the score is per task. */
    @Benchmark
    @OperationsPerInvocation(APPLY_N)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int applyAsync10k() throws InterruptedException, ExecutionException {
        List<AsyncResult<Integer>> results = new ArrayList<>(APPLY_N);
        for (int i = 0; i < APPLY_N; i++) {
            results.add(pool.applyAsync(PoolBenchmarks::one));
        }
        int sum = 0;
        for (AsyncResult<Integer> r : results) {
            sum += r.get();
        }
        if (sum != APPLY_N) {
            throw new IllegalStateException("wrong sum " + sum);
        }
        return sum;
    }

    /** Python: {@code imap_unordered(_square, range(100000), chunksize=1000)}, every result read and summed. */
    @Benchmark
    public long imapUnordered100kChunk1000() {
        Iterable<Integer> range = () -> IntStream.range(0, IMAP_N).iterator();
        long sum = 0;
        for (Iterator<Integer> it = pool.imapUnordered(PoolBenchmarks::square, range, 1000); it.hasNext();) {
            sum += it.next();
        }
        if (sum != EXPECTED_IMAP_SUM) {
            throw new IllegalStateException("wrong imap sum " + sum);
        }
        return sum;
    }

    /** The sum of {@code square(x)} (int arithmetic, as the workers do it) for x below IMAP_N. */
    static final long EXPECTED_IMAP_SUM = IntStream.range(0, IMAP_N).mapToLong(PoolBenchmarks::square).sum();
}
