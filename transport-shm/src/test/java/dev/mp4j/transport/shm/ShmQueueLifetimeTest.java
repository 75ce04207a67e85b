package dev.mp4j.transport.shm;

import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.shm.MappedSegment;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Security review finding 9, on the default transport: a queue whose {@code Queue} objects are all collected is let
 * go of at once, not when the context closes, so that its files leave the shared-memory folder; a token of it that
 * left the process keeps it there for whoever resolves it, and no longer once that one has let go too.
 */
class ShmQueueLifetimeTest {
    private static Context mp() {
        return Multiprocessing.context(ShmTransportProvider.NAME);
    }

    private static long mp4jFiles() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(MappedSegment.folder())) {
            return files.filter(f -> f.getFileName().toString().startsWith("mp4j-")).count();
        }
    }

    @Test
    void queuesNobodyHoldsLeaveTheSharedMemoryFolder() throws Exception {
        mp().queue(); // the transport and its own files are there before the count
        long before = mp4jFiles();
        for (int i = 0; i < 2_000; i++) {
            Queue<byte[]> q = mp().queue();
            q.put(new byte[100]);
            q.close();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long now;
        do {
            System.gc(); // the queues' objects are unreachable: collected, they let their queues go
            Thread.sleep(50);
            now = mp4jFiles();
        } while (now > before + 100 && System.nanoTime() < deadline);
        assertTrue(now <= before + 100, "2000 queues nobody holds left " + (now - before) + " files behind");
    }

    @Test
    void aQueueWhoseTokenLeftTheProcessIsKeptForItsReceiver() throws Exception {
        Queue<Object> carrier = mp().queue();
        Queue<String> q = mp().queue();
        q.put("kept");
        carrier.put(q); // its token left: it names the queue, and only this process's hold keeps it there
        WeakReference<Queue<String>> made = new WeakReference<>(q);
        q = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (made.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(made.get() == null, "the queue object was not collected");
        Thread.sleep(200); // not for synchronization: time for a wrong let-go to remove the queue
        @SuppressWarnings("unchecked")
        Queue<String> back = (Queue<String>) carrier.take();
        assertEquals("kept", back.poll(Duration.ofSeconds(10)));
    }

    @Test
    void queuesHandedToAnotherProcessLeaveTheFolderOnceBothLetGo() throws Exception {
        Queue<Object> handOver = mp().queue(8);
        long before = mp4jFiles(); // the holder's own files, and the spares', are within the slack
        Process holder = mp().process(() -> {
            for (int i = 0; ; i++) {
                if (!(handOver.take() instanceof Queue<?> q)) {
                    return; // the end
                }
                if (q.poll() == null) {
                    throw new AssertionError("a queue arrived without its item");
                }
                if (i % 50 == 49) {
                    System.gc(); // collects the handles: this process lets go of their queues
                }
            }
        }).start();
        for (int i = 0; i < 500; i++) {
            Queue<byte[]> q = mp().queue();
            q.put(new byte[100]);
            // its token leaves with a ticket, which the holder's attach takes
            assertTrue(handOver.offer(q, Duration.ofSeconds(60)), "the holder stopped taking");
        }
        assertTrue(handOver.offer("end", Duration.ofSeconds(60)), "the holder stopped taking");
        assertTrue(holder.join(Duration.ofSeconds(120)), "the holder did not end");
        assertEquals(OptionalInt.of(0), holder.exitCode(), "the holder failed");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long now;
        do {
            System.gc(); // this process's objects of the 500 queues are unreachable: collected, it lets go
            Thread.sleep(50);
            now = mp4jFiles();
        } while (now > before + 100 && System.nanoTime() < deadline);
        assertTrue(now <= before + 100, "500 queues handed to a process that ended left " + (now - before)
                + " files behind: a queue whose token left was kept until the context closes");
    }
}
