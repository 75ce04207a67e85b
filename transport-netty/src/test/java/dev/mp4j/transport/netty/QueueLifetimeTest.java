package dev.mp4j.transport.netty;

import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.Queue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Security review finding 9: a queue that no process can reach any more is freed by its owner, with the items it
 * still holds. Each scenario runs in a child whose heap (64 MiB) could not hold the items of the queues it makes if
 * they were kept, so a leak ends it with an {@link OutOfMemoryError} (exit code 1). On the netty transports the
 * process that makes a queue serves it; transports that keep queues themselves free theirs by their holders.
 */
class QueueLifetimeTest {
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private static Context mp() {
        return Multiprocessing.context("netty");
    }

    private static void runInSmallHeap(dev.mp4j.Task task) throws InterruptedException {
        Process p = mp().process(task).jvmArgs("-Xmx64m");
        p.start();
        assertTrue(p.join(PATIENCE), "the child did not end");
        assertEquals(OptionalInt.of(0), p.exitCode(), "the child failed: its queues were kept");
    }

    @Test
    void queuesDroppedInTheOwnerAreFreedWithTheirItems() throws Exception {
        runInSmallHeap(() -> {
            Context ctx = Multiprocessing.context();
            byte[] item = new byte[4096];
            for (int i = 0; i < 50_000; i++) { // 200 MB of items, were they kept
                Queue<byte[]> q = ctx.queue();
                q.put(item);
                q.close();
            }
        });
    }

    @Test
    void aQueueIsFreedOnceTheOtherProcessThatHeldItLetsGo() throws Exception {
        runInSmallHeap(() -> {
            Context ctx = Multiprocessing.context();
            Queue<Object> handOver = ctx.queue(8);
            Process holder = ctx.process(() -> {
                for (int i = 0; ; i++) {
                    if (!(handOver.take() instanceof Queue<?> q)) {
                        return; // the end
                    }
                    q.size(); // a handle, attached at its owner, that uses the queue and lets go
                    if (i % 100 == 99) {
                        System.gc(); // collects the handles, so that their owner hears of it
                    }
                }
            }).start();
            for (int i = 0; i < 2_000; i++) { // 80 MB of items, were they kept
                Queue<byte[]> q = ctx.queue();
                q.put(new byte[40_000]);
                handOver.put(q); // the item stays in q: only freeing the queue frees it
            }
            handOver.put("end");
            holder.join();
        });
    }
}
