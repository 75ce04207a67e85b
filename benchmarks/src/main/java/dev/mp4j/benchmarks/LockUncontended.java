package dev.mp4j.benchmarks;

import dev.mp4j.Lock;
import dev.mp4j.RLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * {@code lock()} then {@code unlock()} with nobody else wanting the lock: Python's {@code lock_uncontended} and
 * {@code rlock_uncontended} ({@code acquire(); release()}). The lock is the cross-process one, in shared memory.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class LockUncontended {
    Lock lock;
    RLock rlock;

    @Setup
    public void setup() {
        lock = Peers.context().lock();
        rlock = Peers.context().rlock();
    }

    @Benchmark
    public void lockUnlock() {
        lock.lock();
        lock.unlock();
    }

    @Benchmark
    public void rlockUnlock() {
        rlock.lock();
        rlock.unlock();
    }
}
