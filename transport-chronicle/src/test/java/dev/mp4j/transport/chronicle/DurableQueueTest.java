package dev.mp4j.transport.chronicle;

import dev.mp4j.Queue;
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
import static org.junit.jupiter.api.Assertions.fail;

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
    }

    @Test
    void aDaysJournalFileGoesOnceEveryItemInItWasTaken() throws Exception {
        SetTimeProvider clock = new SetTimeProvider(Instant.now());
        Chronicle.clock = clock;
        try {
            Path folder = dir.resolve("rolling");
            Queue<String> q = DurableQueues.open(folder, "days");
            q.put("monday");
            clock.advanceMillis(TimeUnit.DAYS.toMillis(1));
            q.put("tuesday");
            assertEquals(2, journalFiles(folder.resolve("days").resolve("0")), "a file a day");
            assertEquals("monday", q.take());
            assertEquals(2, journalFiles(folder.resolve("days").resolve("0")), "tuesday's item is not taken: both files stay");
            assertEquals("tuesday", q.take());
            q.put("still tuesday"); // the appender lets go of monday's file too
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (journalFiles(folder.resolve("days").resolve("0")) > 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, journalFiles(folder.resolve("days").resolve("0")), "monday's file, every item of it taken, is gone");
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
        List<Integer> took = new ArrayList<>();
        try (Peer consumer = Peer.start("take", dir, "work")) {
            while (took.size() < count / 2) {
                took.add(Integer.parseInt(consumer.next().substring("took ".length())));
            }
            consumer.kill(); // in the middle of its takes
            took.addAll(consumer.rest("took "));
        }
        Queue<Integer> q = DurableQueues.open(dir, "work");
        for (Integer i = q.poll(); i != null; i = q.poll()) {
            took.add(i);
        }
        q.close();
        Set<Integer> distinct = new HashSet<>(took);
        assertEquals(took.size(), distinct.size(), "an item was taken twice");
        // a consumer killed in the middle of a take loses at most the item it was taking
        assertTrue(distinct.size() >= count - 1, "lost " + (count - distinct.size()) + " items");
        for (int i = 0; i < count; i++) {
            if (!distinct.contains(i) && distinct.size() != count - 1) {
                fail("item " + i + " is missing");
            }
        }
    }

    @Test
    void twoUnrelatedConsumersShareTheItemsOut() throws Exception {
        int count = 3_000;
        Queue<Integer> q = DurableQueues.open(dir, "shared");
        for (int i = 0; i < count; i++) {
            q.put(i);
        }
        List<Integer> took = new ArrayList<>();
        try (Peer a = Peer.start("take", dir, "shared"); Peer b = Peer.start("take", dir, "shared")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (q.size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, q.size(), "the consumers did not take every item");
            // the last items were taken, so both consumers printed them within a moment
            took.addAll(Peer.taken(count, a, b));
        }
        Set<Integer> distinct = new HashSet<>(took);
        assertEquals(took.size(), distinct.size(), "an item was taken twice");
        assertEquals(count, distinct.size());
        q.close();
    }

    /** An unrelated JVM running {@link DurablePeer}, with the chronicle transport's flags. */
    private static final class Peer implements AutoCloseable {
        private final java.lang.Process process;
        private final Thread out;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuffer errors = new StringBuffer();

        private Peer(java.lang.Process process) {
            this.process = process;
            this.out = new Thread(() -> drain(new BufferedReader(new InputStreamReader(process.getInputStream(),
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

        /** After {@link #kill()}: what it printed before it died, to the last line. */
        List<Integer> rest(String prefix) throws InterruptedException {
            out.join(TimeUnit.SECONDS.toMillis(30));
            List<Integer> rest = new ArrayList<>();
            for (String line = lines.poll(); line != null; line = lines.poll()) {
                rest.add(Integer.parseInt(line.substring(prefix.length())));
            }
            return rest;
        }

        /** Reads the peers' {@code took} lines until {@code count} items are reported in all, or a minute passed. */
        static List<Integer> taken(int count, Peer... peers) throws InterruptedException {
            List<Integer> all = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (all.size() < count && System.nanoTime() < deadline) {
                for (Peer p : peers) {
                    String line = p.lines.poll(10, TimeUnit.MILLISECONDS);
                    if (line != null) {
                        all.add(Integer.parseInt(line.substring("took ".length())));
                    }
                }
            }
            return all;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
