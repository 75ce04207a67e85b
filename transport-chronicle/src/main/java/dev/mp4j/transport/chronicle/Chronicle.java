package dev.mp4j.transport.chronicle;

import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;

import java.nio.file.Path;

/**
 * How mp4j uses Chronicle Queue: quiet, and with queues sized for the frames mp4j sends.
 *
 * <p>Chronicle reports usage to an analytics host and writes a client id to the user's home, prints a banner, and
 * runs a thread that polls the disk's free space, unless told otherwise by system properties read when its classes
 * load. {@link #quiet()} sets each of them, unless the user set it, before any Chronicle class loads; children get
 * them on their command line ({@link ChronicleTransportProvider#childJvmArgs()}).
 */
final class Chronicle {
    /** The properties that keep Chronicle quiet and private, each as {@code name=value}. */
    static final String[] QUIET = {
            "chronicle.analytics.disable=true",
            "chronicle.announcer.disable=true",
            "chronicle.disk.monitor.disable=true",
            "jvm.resource.tracing=false",
    };

    /**
     * A queue's block: Chronicle maps its files in blocks of this size (sparse: unused pages cost nothing) and
     * takes documents up to a quarter of it.
     */
    static final long BLOCK_BYTES = 256L << 20;
    /** The largest frame a link carries: a Chronicle document of at most a quarter of a block, less its header. */
    static final int MAX_FRAME_BYTES = (int) (BLOCK_BYTES / 4) - 1024;

    private Chronicle() {
    }

    /** Sets each property of {@link #QUIET} that is not set; idempotent. */
    static void quiet() {
        for (String p : QUIET) {
            int eq = p.indexOf('=');
            String name = p.substring(0, eq);
            if (System.getProperty(name) == null) {
                System.setProperty(name, p.substring(eq + 1));
            }
        }
    }

    /**
     * Opens (creating if need be) the queue in {@code folder}. A day's roll cycle with room for 2^32 documents a
     * day: a link that lives past midnight goes on in the next day's file.
     */
    static SingleChronicleQueue open(Path folder) {
        quiet();
        return SingleChronicleQueueBuilder.binary(folder)
                .rollCycle(LargeRollCycles.LARGE_DAILY)
                .blockSize(BLOCK_BYTES)
                .build();
    }
}
