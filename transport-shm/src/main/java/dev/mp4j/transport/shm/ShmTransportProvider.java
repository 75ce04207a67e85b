package dev.mp4j.transport.shm;

import dev.mp4j.shm.MappedSegment;
import dev.mp4j.shm.ProcessLiveness;
import dev.mp4j.spi.Transport;
import dev.mp4j.spi.TransportProvider;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code "shm"} transport, mp4j's default: queues, pipes and links in memory-mapped rings in the shared-memory
 * folder ({@code /dev/shm}, else {@code java.io.tmpdir}, or {@code -Dmp4j.shm.dir}), which every process of the
 * tree reads and writes directly. A take from a queue, a pipe message and a pool job cost a few copies and, when
 * the receiver sleeps, one bell: no socket, no event loop, no round trip to the process that made the queue.
 *
 * <p>It moves bytes between processes of one machine only; pick {@code netty} (Unix domain sockets) or
 * {@code netty-tcp} for what must cross hosts.
 *
 * <p>Loading and constructing it never fails. {@link #isAvailable()} probes once whether this JVM can create, map
 * and remove a file in the shared-memory folder.
 */
public final class ShmTransportProvider implements TransportProvider {
    /** The name users select this transport by. */
    public static final String NAME = "shm";
    /** Above every other transport mp4j ships: the default whenever it is on the class path and available. */
    public static final int PRIORITY = 200;

    /** For {@link java.util.ServiceLoader}. */
    public ShmTransportProvider() {}

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public boolean isAvailable() {
        return unavailabilityCause() == null;
    }

    @Override
    public Throwable unavailabilityCause() {
        return Probe.CAUSE;
    }

    /** The probe's verdict, made once, when first asked for: the JVM initializes this class lazily and safely. */
    private static final class Probe {
        static final Throwable CAUSE = probe();
    }

    private static Throwable probe() {
        String name = "mp4j-probe-" + ProcessLiveness.currentPid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
        try {
            MappedSegment probe = MappedSegment.create(name, 4096);
            try {
                probe.putLongVolatile(0, 1);
                if (!probe.compareAndSetLong(0, 1, 2)) {
                    return new IOException("atomics on a mapping of " + MappedSegment.folder() + " do not hold");
                }
            } finally {
                probe.unlink();
            }
            return null;
        } catch (Throwable t) {
            // Throwable: a probe never throws, whatever the platform lacks
            return new IOException("cannot create and map a file in the shared-memory folder "
                    + MappedSegment.folder() + " (set -Dmp4j.shm.dir to a writable folder): " + t, t);
        }
    }

    @Override
    public List<String> childJvmArgs() {
        return List.of();
    }

    @Override
    public Transport open() {
        return new ShmTransport();
    }
}
