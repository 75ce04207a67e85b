package dev.mp4j.transport.shm;

import dev.mp4j.Connection;
import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Pipe;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.SharedLong;
import dev.mp4j.shm.MappedSegment;
import dev.mp4j.shm.ProcessLiveness;
import dev.mp4j.spi.NativeQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What shared memory makes hard, against real child JVMs killed with SIGKILL: items of any size, deaths in the
 * middle of a put or a take, a queue that outlives its maker, files that go with the last holder, and the
 * journal a dead lock holder leaves.
 */
@Timeout(120)
class ShmRobustnessTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final Context mp = Multiprocessing.context(ShmTransportProvider.NAME);

    @Test
    void aHundredMebibyteItemGoesToAChildAndBackWhole() throws Exception {
        Queue<byte[]> in = mp.queue();
        Queue<byte[]> out = mp.queue();
        byte[] big = new byte[100 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + (i >>> 20));
        }
        Process echo = mp.process(() -> out.put(in.take())).start();
        in.put(big);
        byte[] back = out.poll(PATIENCE);
        assertNotNull(back, "the child did not send the item back");
        assertArrayEquals(big, back);
        finish(echo);
        in.close();
        out.close();
    }

    @Test
    void aHundredMebibyteMessageMakesAPipeRoundTripThroughAChild() throws Exception {
        Pipe pipe = mp.pipe();
        Connection mine = pipe.left();
        Connection theirs = pipe.right();
        byte[] big = new byte[100 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 17 + (i >>> 16));
        }
        Process echo = mp.process(() -> theirs.sendBytes(theirs.recvBytes())).start();
        mine.sendBytes(big);
        assertArrayEquals(big, mine.recvBytes());
        finish(echo);
        mine.close();
        theirs.close();
    }

    @Test
    void aConsumerKilledWhileTakingFromABoundedQueueBlocksNeitherTheProducerNorTheOtherConsumer() throws Exception {
        int n = 100_000;
        Queue<Integer> q = mp.queue(64);
        Queue<Integer> done = mp.queue();
        SharedLong last = mp.sharedLong(-1);
        Process producer = mp.process(() -> {
            for (int i = 0; i < n; i++) {
                q.put(i);
            }
            done.put(n);
        }).start();
        Process victim = mp.process(() -> {
            while (true) {
                last.set(q.take());
            }
        }).start();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (last.get() < 5_000 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        victim.kill();
        assertTrue(victim.join(PATIENCE), "the killed consumer did not end");
        long seen = last.get();
        // this process is now the only consumer: the producer must finish through it
        int taken = 0;
        int previous = -1;
        for (Integer item = q.poll(PATIENCE); item != null; item = q.poll(Duration.ofMillis(500))) {
            assertTrue(item > previous, "items came out of order: " + item + " after " + previous);
            previous = item;
            taken++;
        }
        assertEquals(n, done.poll(PATIENCE), "the producer did not finish after a consumer died");
        finish(producer);
        assertEquals(n - 1, previous, "the last item did not arrive");
        long lost = n - taken - (seen + 1);
        assertTrue(lost >= 0 && lost <= 1, lost + " items were lost with the killed consumer (at most 1 may be)");
        q.close();
        done.close();
        last.close();
    }

    @Test
    void aProducerKilledWhilePuttingLosesNothingOfOthersAndBlocksNobody() throws Exception {
        Queue<Integer> q = mp.queue();
        Process producer = mp.process(() -> {
            for (int i = 0; ; i++) {
                q.put(i);
            }
        }).start();
        awaitSize(q, 20_000);
        producer.kill();
        assertTrue(producer.join(PATIENCE), "the killed producer did not end");
        // the child most likely died holding the tail lock: these puts must take it over, not wait for ever
        for (int i = 1; i <= 1_000; i++) {
            q.put(-i);
        }
        int next = 0;
        int mine = 1;
        for (Integer item = q.poll(); item != null; item = q.poll()) {
            if (item >= 0) {
                assertEquals(1, mine, "an item of the dead producer came after this process's puts");
                assertEquals(next++, item, "the dead producer's items have a gap or a duplicate");
            } else {
                assertEquals(-mine++, item, "this process's items came out of order");
            }
        }
        assertTrue(next >= 20_000, "fewer of the dead producer's items than it had put: " + next);
        assertEquals(1_001, mine, "this process's items were lost");
        q.close();
    }

    @Test
    void aConsumerKilledWhileTakingLosesAtMostTheItemItWasTaking() throws Exception {
        int n = 200_000;
        Queue<Integer> q = mp.queue();
        for (int i = 0; i < n; i++) {
            q.put(i);
        }
        SharedLong last = mp.sharedLong(-1);
        Process consumer = mp.process(() -> {
            while (true) {
                last.set(q.take());
            }
        }).start();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (last.get() < 20_000 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        consumer.kill();
        assertTrue(consumer.join(PATIENCE), "the killed consumer did not end");
        long seen = last.get();
        assertTrue(seen >= 20_000 && seen < n - 1, "the consumer took " + (seen + 1) + " items before it was killed");
        Integer first = q.poll(PATIENCE);
        assertNotNull(first, "the queue is empty after the consumer died");
        assertTrue(first == seen + 1 || first == seen + 2,
                "after the consumer's last item " + seen + " the next is " + first + ": more than one item was lost");
        int expected = first + 1;
        for (Integer item = q.poll(); item != null; item = q.poll()) {
            assertEquals(expected++, item, "the items after the dead consumer's have a gap");
        }
        assertEquals(n, expected, "items are missing at the end");
        q.put(7);
        assertEquals(7, q.take(), "the queue does not work after its consumer died");
        q.close();
        last.close();
    }

    @Test
    void aQueueOutlivesTheProcessThatMadeIt() throws Exception {
        Queue<Queue<String>> handoff = mp.queue();
        Queue<String> ack = mp.queue();
        Process maker = mp.process(() -> {
            Queue<String> mine = Multiprocessing.context().queue();
            mine.put("made by a child");
            mine.put("that has ended");
            handoff.put(mine);
            ack.take(); // until the parent holds it
        }).start();
        Queue<String> got = handoff.poll(PATIENCE);
        assertNotNull(got, "the child did not hand its queue over");
        ack.put("held");
        finish(maker);
        assertEquals("made by a child", got.poll(PATIENCE));
        assertEquals("that has ended", got.poll(PATIENCE));
        got.put("still works");
        assertEquals("still works", got.take());
        got.close();
        handoff.close();
        ack.close();
    }

    @Test
    void theLastHolderRemovesTheFilesEvenWhenAnotherHolderWasKilled() throws Exception {
        ShmQueues queues = new ShmQueues();
        NativeQueue q = queues.createQueue(0, false);
        String name = q.name();
        assertTrue(q.offer(new byte[100_000], 0), "a big item was refused");
        assertTrue(q.offer(new byte[] {1}, 0), "a small item was refused");
        assertTrue(filesOf(name).size() >= 3, "expected the base, data and big-item files: " + filesOf(name));
        for (String f : filesOf(name)) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(MappedSegment.folder().resolve(f))), f + " is readable by others");
        }
        Queue<String> attached = mp.queue();
        Process holder = mp.process(() -> {
            NativeQueue h = new ShmQueues().attachQueue(name);
            attached.put("attached " + h.size());
            Thread.sleep(PATIENCE.toMillis());
        }).start();
        assertEquals("attached 2", attached.poll(PATIENCE));
        q.close();
        assertFalse(filesOf(name).isEmpty(), "the files went while a live process held the queue");
        holder.kill();
        assertTrue(holder.join(PATIENCE));
        // the killed holder let nothing go; the next process to hold and release it is the last live holder
        NativeQueue again = queues.attachQueue(name);
        assertEquals(2, again.size(), "items were lost with the killed holder");
        again.close();
        assertEquals(List.of(), filesOf(name), "files stayed after the last holder let go");
        assertThrows(IOException.class, () -> queues.attachQueue(name), "a removed queue can still be attached");
        attached.close();
    }

    @Test
    void aLockTakenOverFromADeadHolderReplaysItsJournal() throws Exception {
        java.lang.Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long deadPid = gone.pid();
        assertTrue(ProcessLiveness.isDead(deadPid));
        MappedSegment seg = MappedSegment.create("mp4j-test-journal-" + ProcessLiveness.currentPid(), 4096);
        try {
            JournaledLock lock = new JournaledLock(seg, 0, 8, 2, () -> {});
            // the dead holder counted a change of two words and died before storing them
            seg.putLong(16, 128);
            seg.putLong(24, 7);
            seg.putLong(32, 136);
            seg.putLong(40, 9);
            seg.putLong(8, 2);
            seg.putLongVolatile(0, deadPid << 32 | 1);
            lock.lock();
            assertEquals(7, seg.getLong(128), "the first staged store was not replayed");
            assertEquals(9, seg.getLong(136), "the second staged store was not replayed");
            assertEquals(0, seg.getLong(8), "the journal was not cleared");
            lock.unlock();
            assertEquals(0, seg.getLongVolatile(0));
        } finally {
            seg.unlink();
        }
    }

    private static void awaitSize(Queue<?> q, int size) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (q.size() < size) {
            assertTrue(System.nanoTime() < deadline, "the producer put fewer than " + size + " items");
            Thread.sleep(1);
        }
    }

    private static void finish(Process p) throws InterruptedException {
        assertTrue(p.join(PATIENCE), p.name() + " did not end");
        assertEquals(OptionalInt.of(0), p.exitCode(), p.name() + " failed (see its stderr)");
    }

    private static List<String> filesOf(String channel) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(MappedSegment.folder(), channel + "*")) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
        return names;
    }
}
