package dev.mp4j.benchmarks;

import dev.mp4j.Manager;
import dev.mp4j.SerializableSupplier;
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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Calls from this JVM to a manager process ({@code Context.manager()}): Python's {@code manager_dict_put},
 * {@code manager_dict_get} and {@code manager_method_call}. Each operation is one round trip; AverageTime gives
 * the mean µs per operation, which Python also reports (its loop of N operations, timed as a whole).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ManagerOps {
    /** Python's {@code _Counter}: a user's object the manager makes, called through its interface. */
    public interface Counter {
        int add(int k);
    }

    /** The counter itself; it lives in the manager process. */
    public static final class SimpleCounter implements Counter {
        private int n;

        @Override
        public int add(int k) {
            return n += k;
        }
    }

    private Manager manager;
    private Map<String, Integer> dict;
    private Counter counter;
    private int i;

    @Setup(Level.Trial)
    public void start() {
        manager = Peers.context().manager();
        dict = manager.dict();
        dict.put("k", 0);
        counter = manager.create(Counter.class, (SerializableSupplier<Counter>) SimpleCounter::new);
    }

    @TearDown(Level.Trial)
    public void stop() {
        manager.close();
    }

    /** Python's {@code d['k'] = i}. */
    @Benchmark
    public Integer dictPut() {
        return dict.put("k", i++);
    }

    /** Python's {@code d['k']}. */
    @Benchmark
    public Integer dictGet() {
        return dict.get("k");
    }

    /** Python's {@code counter.add(1)} on an object registered with a manager. */
    @Benchmark
    public int methodCall() {
        return counter.add(1);
    }
}
