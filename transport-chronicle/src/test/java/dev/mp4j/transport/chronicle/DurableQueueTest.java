package dev.mp4j.transport.chronicle;

import dev.mp4j.Multiprocessing;
import dev.mp4j.Queue;
import dev.mp4j.SharedInt;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Durable queues across closes, kill -9 and unrelated JVMs: each item taken exactly once. */
@Timeout(120)
class DurableQueueTest {
    @TempDir
    Path dir;

    @Test
    void itemsStayThroughACloseAndComeBackInOrder() throws Exception {
        Path folder = dir.resolve("queues");
        Queue<String> q = DurableQueues.open(folder, "jobs");
        q.put("a");
        q.put("b");
        q.put("c");
        assertEquals("a", q.take());
        q.close();

        Queue<String> again = DurableQueues.open(folder, "jobs");
        assertEquals(2, again.size());
        assertEquals("b", again.take());
        assertEquals("c", again.poll(Duration.ofSeconds(5)));
        assertNull(again.poll());
        again.close();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                folder.resolve("jobs.state"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                folder.resolve("jobs").resolve("0"))), "Chronicle's files are in a folder only this user reads");
    }

    @Test
    void aDaysJournalFileGoesOnceEveryItemInItWasTaken() throws Exception {
        Chronicle.quiet(); // before the clock, a Chronicle class, loads Chronicle
        SetTimeProvider clock = new SetTimeProvider(Instant.now());
        Chronicle.clock = clock;
        try {
            Path folder = dir.resolve("rolling");
            Path journal = folder.resolve("days").resolve("0");
            Queue<String> q = DurableQueues.open(folder, "days");
            q.put("monday");
            clock.advanceMillis(TimeUnit.DAYS.toMillis(1));
            q.put("tuesday");
            assertEquals(2, journalFiles(journal), "a file a day");
            assertEquals("monday", q.take());
            assertEquals(2, journalFiles(journal), "tuesday's item is not taken: both files stay");
            assertEquals("tuesday", q.take());
            q.put("still tuesday"); // the appender lets go of monday's file too
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (journalFiles(journal) > 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, journalFiles(journal), "monday's file, every item of it taken, is gone");
            assertEquals("still tuesday", q.take());
            q.close();
        } finally {
            Chronicle.clock = null;
        }
    }

    private static long journalFiles(Path journal) throws IOException {
        try (Stream<Path> files = Files.list(journal)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).count();
        }
    }

    @Test
    void aNameThatIsNoFileNameIsRefusedAndTheQueueGoesOn() throws Exception {
        Queue<Integer> q = DurableQueues.open(dir, "ok");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DurableQueues.open(dir, "a/b"));
        assertTrue(e.getMessage().contains("no '/'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DurableQueues.open(dir, ".."));
        q.put(7);
        assertEquals(7, q.take());
        q.close();
    }

    @Test
    void itemsOfAKilledProducerAreTakenExactlyOnceByAKilledConsumerAndTheNextProgram() throws Exception {
        int count = 2_000;
        try (Peer producer = Peer.start("put", dir, "work", Integer.toString(count))) {
            producer.await("put " + count);
            producer.kill(); // kill -9, with every item put
        }
        // what the consumer took is what it wrote to its log: its stdout may lose its last lines as it is killed
        Path log = dir.resolve("taken.log");
        try (Peer consumer = Peer.start("take", dir, "work", log.toString())) {
            for (int seen = 0; seen < count / 2; seen++) {
                consumer.next();
            }
            consumer.kill(); // in the middle of its takes
        }
        List<Integer> took = new ArrayList<>(Files.readAllLines(log).stream().map(Integer::valueOf).toList());
        int logged = took.size();
        Queue<Integer> q = DurableQueues.open(dir, "work");
        int left = q.size();
        for (Integer i = q.poll(); i != null; i = q.poll()) {
            took.add(i);
        }
        q.close();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!took.contains(i)) {
                missing.add(i);
            }
        }
        String story = "the killed consumer took " + logged + ", the queue then had " + left + " and gave "
                + (took.size() - logged) + "; missing " + missing;
        Set<Integer> distinct = new HashSet<>(took);
        assertEquals(took.size(), distinct.size(), "an item was taken twice: " + story);
        // a consumer killed in the middle of a take loses at most the item it was taking
        assertTrue(missing.size() <= 1, story);
    }

    @Test
    void twoUnrelatedConsumersShareTheItemsOut() throws Exception {
        int count = 3_000;
        Queue<Integer> q = DurableQueues.open(dir, "shared");
        for (int i = 0; i < count; i++) {
            q.put(i);
        }
        Path logA = dir.resolve("a.log");
        Path logB = dir.resolve("b.log");
        try (Peer a = Peer.start("take", dir, "shared", logA.toString());
             Peer b = Peer.start("take", dir, "shared", logB.toString())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (q.size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, q.size(), "the consumers did not take every item");
            while (lines(logA) + lines(logB) < count && System.nanoTime() < deadline) {
                Thread.sleep(20); // each writes an item to its log just after it took it
            }
        }
        List<Integer> took = new ArrayList<>();
        for (Path log : List.of(logA, logB)) {
            took.addAll(Files.readAllLines(log).stream().map(Integer::valueOf).toList());
        }
        Set<Integer> distinct = new HashSet<>(took);
        assertEquals(took.size(), distinct.size(), "an item was taken twice");
        assertEquals(count, distinct.size());
        q.close();
    }

    private static long lines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    /** An unrelated JVM running {@link DurablePeer}, with the chronicle transport's flags. */
    private static final class Peer implements AutoCloseable {
        private final java.lang.Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuffer errors = new StringBuffer();

        private Peer(java.lang.Process process) {
            this.process = process;
            Thread out = new Thread(() -> drain(new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)), true));
            Thread err = new Thread(() -> drain(new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8)), false));
            out.setDaemon(true);
            err.setDaemon(true);
            out.start();
            err.start();
        }

        static Peer start(String... args) throws IOException {
            return start(args[0], Path.of(args[1]), args[2], args.length > 3 ? args[3] : "");
        }

        static Peer start(String mode, Path dir, String name, String... more) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(new ChronicleTransportProvider().childJvmArgs());
            // the peer joins this JVM's shared-memory tree, so that what a killed peer made goes when this JVM ends
            // (as a child's does): a block made now makes sure the tree exists
            try (SharedInt tree = Multiprocessing.context(ChronicleTransportProvider.NAME).sharedInt(0)) {
                System.getProperties().forEach((k, v) -> {
                    if (k instanceof String key && key.startsWith("mp4j.")) {
                        cmd.add("-D" + key + "=" + v);
                    }
                });
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(DurablePeer.class.getName());
            cmd.add(mode);
            cmd.add(dir.toString());
            cmd.add(name);
            for (String m : more) {
                if (!m.isEmpty()) {
                    cmd.add(m);
                }
            }
            return new Peer(new ProcessBuilder(cmd).start());
        }

        private void drain(BufferedReader r, boolean out) {
            try (r) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (out) {
                        lines.add(line);
                    } else {
                        errors.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        String next() throws InterruptedException {
            String line = lines.poll(60, TimeUnit.SECONDS);
            assertNotNull(line, "the peer said nothing for 60 s; its stderr:\n" + errors);
            return line;
        }

        void await(String line) throws InterruptedException {
            assertEquals(line, next());
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
