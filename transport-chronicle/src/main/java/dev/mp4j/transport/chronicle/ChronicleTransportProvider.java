package dev.mp4j.transport.chronicle;

import dev.mp4j.shm.MappedSegment;
import dev.mp4j.spi.Transport;
import dev.mp4j.spi.TransportProvider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code "chronicle"} transport: links whose frames are documents of Chronicle queues, memory-mapped files in
 * the shared-memory folder ({@code /dev/shm}, or {@code -Dmp4j.shm.dir}) that the sending process appends to and
 * the receiving process reads directly. Queues and pipes are served by the process that made them, over these
 * links.
 *
 * <p>Chronicle needs JVM flags on JDK 17 and later. Children get them from {@link #childJvmArgs()}; the user's own
 * JVM must be started with them, and until it is, {@link #unavailabilityCause()} names exactly the ones missing:
 * <pre>
 * --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
 * --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
 * (JDK 22+) --enable-native-access=ALL-UNNAMED   (JDK 24+) --sun-misc-unsafe-memory-access=allow
 * </pre>
 *
 * <p>Its priority is below every other transport mp4j ships, so it is used only when asked for by name:
 * {@code Multiprocessing.context("chronicle")}, {@code -Dmp4j.transport=chronicle} or
 * {@code MP4J_TRANSPORT=chronicle}. Loading, constructing and probing it never throw, and never load a Chronicle
 * class: the probe reads the JVM's flags and looks for Chronicle's classes without initializing them.
 */
public final class ChronicleTransportProvider implements TransportProvider {
    /** The name users select this transport by. */
    public static final String NAME = "chronicle";
    /** Below shm (200) and netty (100): chosen only by name. */
    public static final int PRIORITY = 10;

    /** For {@link java.util.ServiceLoader}. */
    public ChronicleTransportProvider() {}

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
        try {
            Class.forName("net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder", false,
                    ChronicleTransportProvider.class.getClassLoader());
        } catch (Throwable t) {
            return new IllegalStateException("Chronicle Queue is not on the class path: add the artifact "
                    + "net.openhft:chronicle-queue (mp4j-transport-chronicle depends on it; a shaded jar may have "
                    + "left it out)", t);
        }
        try {
            List<String> missing = JvmFlags.missing();
            if (!missing.isEmpty()) {
                return new IllegalStateException("Chronicle Queue needs JVM flags this JVM was started without: "
                        + String.join(" ", missing) + " (put them on the java command line, in Surefire's argLine,"
                        + " or in MAVEN_OPTS for exec:java; see the README's section on the chronicle transport)");
            }
            MappedSegment.folder();
            return null;
        } catch (Throwable t) {
            // Throwable: a probe never throws, whatever the platform lacks
            return new IOException("cannot use the chronicle transport: " + t, t);
        }
    }

    /** {@link JvmFlags#required() Chronicle's flags}, and the properties that keep it quiet. */
    @Override
    public List<String> childJvmArgs() {
        List<String> args = new ArrayList<>(JvmFlags.required());
        for (String p : Chronicle.quietProperties()) {
            args.add("-D" + p);
        }
        return args;
    }

    @Override
    public Transport open() throws IOException {
        Throwable cause = unavailabilityCause();
        if (cause != null) {
            throw new IOException(cause.getMessage(), cause);
        }
        Chronicle.start();
        return new ChronicleTransport();
    }
}
