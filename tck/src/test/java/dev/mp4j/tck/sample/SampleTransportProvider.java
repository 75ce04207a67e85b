package dev.mp4j.tck.sample;

import dev.mp4j.spi.Transport;
import dev.mp4j.spi.TransportProvider;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * The {@code "sample"} transport: the worked example of {@code docs/writing-a-transport.md}, built on the JDK and
 * the shared-memory module alone. Links are Unix domain sockets through {@code java.nio}, with two threads a link;
 * queues and pipes live in memory-mapped files that every process reads directly ({@link SampleQueues}). Simple
 * rather than fast; the TCK proves it correct.
 *
 * <p>Loading and constructing it never fails; {@link #isAvailable()} probes once whether this JVM can open a Unix
 * domain socket.
 */
public final class SampleTransportProvider implements TransportProvider {
    /** The name users select this transport by. */
    public static final String NAME = "sample";

    /** For {@link java.util.ServiceLoader}. */
    public SampleTransportProvider() {}

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Below every real transport: chosen only by name. */
    @Override
    public int priority() {
        return 1;
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

        private static Throwable probe() {
            try (SocketChannel ignored = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                return null;
            } catch (Throwable t) {
                // Throwable: a probe never throws, whatever the platform lacks
                return t;
            }
        }
    }

    @Override
    public List<String> childJvmArgs() {
        return List.of();
    }

    @Override
    public Transport open() throws IOException {
        return new SampleTransport();
    }
}
