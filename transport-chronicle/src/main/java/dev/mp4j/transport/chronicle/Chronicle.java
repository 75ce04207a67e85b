package dev.mp4j.transport.chronicle;

import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;

import org.slf4j.spi.SLF4JServiceProvider;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.LongSupplier;

/**
 * How mp4j uses Chronicle Queue: quiet, and with queues sized for the frames mp4j sends.
 *
 * <p>Chronicle reports usage to an analytics host and writes a client id to the user's home, prints a banner, and
 * runs threads that poll the disk's free space and free mappings, unless told otherwise by system properties read
 * when its classes load. {@link #quiet()} sets each of them, unless the user set it, before any Chronicle class
 * loads; children get them on their command line ({@link ChronicleTransportProvider#childJvmArgs()}). Chronicle
 * logs through SLF4J; with no SLF4J provider on the class path, SLF4J would print three warnings in every process,
 * so mp4j then names SLF4J's own no-operation provider, which is what SLF4J falls back to anyway, minus the
 * warnings. A user who adds a provider gets Chronicle's logging there.
 */
final class Chronicle {
    /** The properties that keep Chronicle quiet, private and without threads of its own, as {@code name=value}. */
    static final String[] QUIET = {
            "chronicle.analytics.disable=true",
            "chronicle.announcer.disable=true",
            "chronicle.disk.monitor.disable=true",
            "disable.perf.info=true",
            "jvm.resource.tracing=false",
            // mappings are freed by the thread that closes them, not by a thread of Chronicle's own: that thread,
            // started while the JVM shuts down (a queue first used by an exit hook), dies printing its failure
            "background.releaser=false",
    };

    /**
     * A queue's block: Chronicle maps its files in blocks of this size (sparse: unused pages cost nothing) and
     * takes documents up to a quarter of it.
     */
    static final long BLOCK_BYTES = 256L << 20;
    /** The largest frame a link carries: a Chronicle document of at most a quarter of a block, less its header. */
    static final int MAX_FRAME_BYTES = (int) (BLOCK_BYTES / 4) - 1024;

    private static boolean quieted;
    private static List<String> properties;
    /** The clock roll cycles follow; null for the wall clock. Tests set one to roll a journal without waiting. */
    static volatile TimeProvider clock;

    private Chronicle() {
    }

    /**
     * The properties that keep Chronicle quiet and SLF4J silent, as this JVM has them or gets them: decided once,
     * before {@link #quiet()} sets any, so that children get the same ones. A property the user set keeps the
     * user's value.
     */
    static synchronized List<String> quietProperties() {
        if (properties == null) {
            List<String> all = new ArrayList<>(List.of(QUIET));
            // JNA, which Chronicle loads on newer JDKs, unpacks its native library into ~/.cache/JNA unless told
            // where; the temporary folder is where it used to go, in a file of a random name made exclusively
            all.add("jna.tmpdir=" + System.getProperty("java.io.tmpdir"));
            if (System.getProperty("slf4j.provider") == null && !hasSlf4jProvider()) {
                all.add("slf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider");
                all.add("slf4j.internal.verbosity=WARN");
            }
            List<String> kept = new ArrayList<>();
            for (String p : all) {
                String name = p.substring(0, p.indexOf('='));
                String users = System.getProperty(name);
                kept.add(users == null ? p : name + "=" + users);
            }
            properties = List.copyOf(kept);
        }
        return properties;
    }

    private static boolean hasSlf4jProvider() {
        try {
            return ServiceLoader.load(SLF4JServiceProvider.class, Chronicle.class.getClassLoader()).stream()
                    .findAny().isPresent();
        } catch (ServiceConfigurationError | LinkageError e) {
            return true; // a provider is there, if a broken one: SLF4J's own warnings say what is wrong with it
        }
    }

    /** Sets each property of {@link #quietProperties()} that is not set; idempotent. */
    static synchronized void quiet() {
        if (quieted) {
            return;
        }
        quieted = true;
        for (String p : quietProperties()) {
            int eq = p.indexOf('=');
            String name = p.substring(0, eq);
            if (System.getProperty(name) == null) {
                System.setProperty(name, p.substring(eq + 1));
            }
        }
    }

    /**
     * Loads Chronicle's classes that register shutdown hooks, while the JVM can still take one: loaded during its
     * shutdown (a queue first used by an exit hook), they fail, and a thread of theirs prints the failure.
     *
     * @throws IOException if the JVM is shutting down
     */
    static void start() throws IOException {
        quiet();
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            Class.forName("net.openhft.chronicle.core.io.BackgroundResourceReleaser", true,
                    Chronicle.class.getClassLoader());
        } catch (IllegalStateException | LinkageError | ClassNotFoundException e) {
            throw new IOException("the chronicle transport cannot start while the JVM shuts down", e);
        }
    }

    /**
     * Opens (creating if need be) the journal in {@code folder} of a link, which goes with it: a file a second
     * ({@link SecondlyRoll}), whose reader removes the seconds it has passed ({@link #retireBefore}).
     */
    static SingleChronicleQueue open(Path folder) {
        return open(folder, false, () -> 0);
    }

    /**
     * Opens (creating if need be) a journal that keeps a file a day, with room for 2^32 documents a day: a durable
     * queue's, whose roll is its file format (journals written by earlier versions stay readable), and a server's
     * accept queue, which holds a few bytes a connection.
     */
    static SingleChronicleQueue openDaily(Path folder) {
        return open(folder, true, () -> 0);
    }

    /**
     * Opens (creating if need be) a journal of a queue's or a pipe's stream, which rolls daily (a durable queue's) or
     * every second, by a {@link JournalClock} that never goes before the cycle {@code headIndex} stands in.
     *
     * @param headIndex the journal index that every reader has reached (a stream's HEAD), or 0 for none
     */
    static SingleChronicleQueue open(Path folder, boolean daily, LongSupplier headIndex) {
        quiet();
        RollCycle roll = daily ? LargeRollCycles.LARGE_DAILY : SecondlyRoll.SECONDLY;
        long epoch = daily ? 0 : SecondlyRoll.EPOCH_MILLIS;
        TimeProvider c = clock;
        TimeProvider wall = c == null ? SystemTimeProvider.INSTANCE : c;
        JournalClock journalClock = new JournalClock(wall, () -> {
            long head = headIndex.getAsLong();
            return head == 0 ? epoch : epoch + (long) roll.toCycle(head) * roll.lengthInMillis();
        });
        return SingleChronicleQueueBuilder.binary(folder)
                .rollCycle(roll)
                .epoch(epoch)
                .blockSize(BLOCK_BYTES)
                .timeProvider(journalClock)
                .build();
    }

    /**
     * Removes the files of {@code queue}'s cycles before {@code cycle}: every reader has read past them. A cycle's
     * file is named after the time it starts ({@link RollCycle#format()}, UTC), so the files before a cycle are those
     * whose names sort before its name. Never the newest cycle, which Chronicle needs while the journal lives: a
     * reader stands in it or before it. Another process still reading a removed file keeps its mapping. Failures
     * are left for the next call: a file that stays costs memory, not correctness.
     */
    static void retireBefore(SingleChronicleQueue queue, int cycle) {
        RollCycle roll = queue.rollCycle();
        String keep = DateTimeFormatter.ofPattern(roll.format()).withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(queue.epoch() + (long) cycle * roll.lengthInMillis()))
                + SingleChronicleQueue.SUFFIX;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(queue.file().toPath(),
                "*" + SingleChronicleQueue.SUFFIX)) {
            for (Path f : files) {
                if (f.getFileName().toString().compareTo(keep) < 0) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the next cycle's first read tries again
        }
    }
}
