package dev.mp4j.benchmarks;

import dev.mp4j.SharedMemory;
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

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Copying 64 MiB into and out of a shared-memory block, warm: Python's {@code shm_write_64mib}
 * ({@code shm.buf[:] = src}) and {@code shm_read_64mib} ({@code memoryview(dst)[:] = shm.buf}). GB/s =
 * 67,108,864 bytes / the time per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class SharedMemoryBandwidth {
    static final int SIZE = 64 * 1024 * 1024;

    SharedMemory block;
    ByteBuffer shared;
    byte[] src;
    byte[] dst;

    @Setup(Level.Trial)
    public void setup() {
        block = Peers.context().sharedMemory(SIZE);
        shared = block.buffer();
        src = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            src[i] = (byte) i;
        }
        dst = new byte[SIZE];
        shared.put(0, src);
    }

    @Benchmark
    public ByteBuffer write64MiB() {
        return shared.put(0, src);
    }

    @Benchmark
    public byte[] read64MiB() {
        shared.get(0, dst);
        return dst;
    }

    @TearDown(Level.Trial)
    public void teardown() {
        // the block holds what write64MiB wrote; dst was filled only if read64MiB ran
        if (shared.get(12345) != (byte) 12345 || dst[12345] != 0 && dst[12345] != (byte) 12345) {
            throw new IllegalStateException("read back the wrong bytes");
        }
        block.unlink();
        block.close();
    }
}
