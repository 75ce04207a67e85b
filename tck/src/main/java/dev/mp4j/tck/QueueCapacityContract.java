package dev.mp4j.tck;

import dev.mp4j.Process;
import dev.mp4j.Queue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static dev.mp4j.tck.QueueChecks.PATIENCE;
import static dev.mp4j.tck.QueueChecks.assertTookAbout;
import static dev.mp4j.tck.QueueChecks.await;
import static dev.mp4j.tck.QueueChecks.background;
import static dev.mp4j.tck.QueueChecks.finish;
import static dev.mp4j.tck.QueueChecks.millisSince;
import static dev.mp4j.tck.QueueChecks.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bounds, size and backlogs of queues across processes: a bounded queue refuses ({@code offer}) or blocks
 * ({@code put}, in its owner and in a child) when full, holds exactly its bound, and a take makes room for exactly one
 * more item; an unbounded queue holds thousands of unread items until a child takes them all, in order; and
 * {@code size()} stays within 0 and the bound (or what was put, for an unbounded queue) while threads of several
 * processes put and take.
 *
 * <p>Tasks are lambdas that capture only local variables (queues, strings, numbers), never the test instance.
 */
public abstract class QueueCapacityContract extends TransportContract {
    // ------------------------------------------------------------------------------------------ helpers

    /** A 1 KiB item whose content depends on {@code i}. */
    private static String unreadItem(int i) {
        return "item-" + i + ":" + String.valueOf((char) ('a' + i % 26)).repeat(1_000);
    }

    /** What a thread that sampled {@code size()} saw: the least and greatest value, how many, the first breach. */
    private record Sampled(long min, long max, long count, String breach) {}

    /**
     * Two producer threads here and two consumer threads in a child put and take for a couple of seconds, while a
     * thread here and one in the child sample {@code size()} continually: it never goes below 0, nor above the bound
     * ({@code capacity}, if there is one) nor above the number of puts begun so far.
     */
    private void sizeStaysInBoundsWhileThreadsPutAndTake(int capacity) throws Exception {
        Queue<Integer> q = capacity > 0 ? mp().queue(capacity) : mp().queue();
        Queue<Object> report = mp().queue();
        AtomicLong begun = new AtomicLong();     // puts begun: the queue never holds more
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicInteger greatest = new AtomicInteger(-1);
        FutureTask<Sampled> sampler = background("size-sampler", () -> {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            long n = 0;
            String breach = null;
            while (sampling.get()) {
                int size = q.size();
                long bound = begun.get();
                min = Math.min(min, size);
                max = Math.max(max, size);
                n++;
                greatest.accumulateAndGet(size, Math::max);
                if (breach == null && (size < 0 || (capacity > 0 && size > capacity) || size > bound)) {
                    breach = "size() was " + size + " (bound " + (capacity > 0 ? capacity : "none") + ", puts begun "
                            + bound + ")";
                }
                LockSupport.parkNanos(20_000);
            }
            return new Sampled(min, max, n, breach);
        });
        List<FutureTask<Long>> producers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            final int producer = p;
            producers.add(background("producer-" + p, () -> {
                long i = 0;
                while (producing.get()) {
                    begun.incrementAndGet();
                    q.put(producer * 100_000_000 + (int) i++);
                    if (capacity <= 0 && i % 5 == 0) {
                        Thread.sleep(1); // an unbounded queue does not slow a producer down: keep the count sane
                    }
                }
                return i;
            }));
        }
        Process child = null;
        long[] fromChild;
        long put = 0;
        try {
            if (capacity > 0) {
                // Nobody takes yet: the producers fill the queue up to its bound and wait there.
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while (greatest.get() < capacity && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(capacity, greatest.get(), "the greatest size() of a queue(" + capacity + ") that two "
                        + "producers filled while nobody took");
            }
            child = mp().process(() -> {
                AtomicBoolean consuming = new AtomicBoolean(true);
                long[] seen = {Long.MAX_VALUE, Long.MIN_VALUE, 0};
                Thread childSampler = new Thread(() -> {
                    while (consuming.get()) {
                        int size = q.size();
                        seen[0] = Math.min(seen[0], size);
                        seen[1] = Math.max(seen[1], size);
                        seen[2]++;
                        LockSupport.parkNanos(20_000);
                    }
                });
                childSampler.start();
                long[] taken = new long[2];
                Thread[] consumers = new Thread[2];
                for (int c = 0; c < 2; c++) {
                    final int consumer = c;
                    consumers[c] = new Thread(() -> {
                        try {
                            while (q.take() >= 0) {
                                taken[consumer]++;
                            }
                        } catch (InterruptedException e) {
                            taken[consumer] = -1;
                        }
                    });
                    consumers[c].start();
                }
                report.put("consuming");
                for (Thread t : consumers) {
                    t.join();
                }
                consuming.set(false);
                childSampler.join();
                report.put(new long[] {taken[0] + taken[1], seen[0], seen[1], seen[2]});
            }).start();
            assertEquals("consuming", next(report, child));
            Thread.sleep(2_000); // puts and takes go on, and both samplers watch
            producing.set(false);
            for (FutureTask<Long> f : producers) {
                put += await(f, child);
            }
            for (int c = 0; c < 2; c++) { // one end mark per consumer
                begun.incrementAndGet();
                assertTrue(q.offer(-1, PATIENCE), "the child's consumers stopped taking");
            }
            fromChild = next(report, child);
            finish(child);
        } finally {
            producing.set(false);
            sampling.set(false);
            producers.forEach(f -> f.cancel(true)); // a producer still waiting in put, if the test failed
            if (child != null && child.isAlive()) {
                child.kill();
                child.join(Duration.ofSeconds(30));
            }
        }
        Sampled here = await(sampler);
        assertNull(here.breach(), "size() sampled in the owner while threads of two processes put and take");
        assertTrue(here.count() >= 100, "size() was sampled only " + here.count() + " times in the owner");
        assertEquals(put, fromChild[0], "the child's consumers took " + fromChild[0] + " of the " + put + " items put");
        assertTrue(fromChild[3] >= 10, "size() was sampled only " + fromChild[3] + " times in the child");
        assertTrue(fromChild[1] >= 0, "size() sampled in a child went negative: " + fromChild[1]);
        long most = capacity > 0 ? Math.min(capacity, put + 2) : put + 2;
        assertTrue(fromChild[2] <= most, "size() sampled in a child was " + fromChild[2] + ": above "
                + (capacity > 0 ? "the bound " + capacity : "the " + most + " items ever put"));
        assertNull(q.poll(), "the queue holds more than was put");
        assertEquals(0, q.size(), "size() of a queue that was emptied");
    }

    // ------------------------------------------------------------------------------------------ tests

    @Test
    void anUnboundedQueueHoldsThousandsOfUnreadItemsUntilAChildTakesThemAllInOrder() throws Exception {
        final int n = 5_000; // of 1 KiB each: more than any fixed ring a transport might use holds
        Queue<String> q = mp().queue();
        Queue<String> report = mp().queue();
        FutureTask<Void> puts = background("producer", () -> {
            for (int i = 0; i < n; i++) {
                q.put(unreadItem(i));
            }
            return null;
        });
        await(puts); // an unbounded queue's put never waits for a taker
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (q.size() != n && System.nanoTime() < deadline) { // size() may lag puts in flight, not forever
            Thread.sleep(10);
        }
        assertEquals(n, q.size(), "size() of an unbounded queue that " + n + " puts filled while nobody took");
        Process child = mp().process(() -> {
            for (int i = 0; i < n; i++) {
                String item = q.take();
                if (!item.equals(unreadItem(i))) {
                    report.put("item " + i + " was " + item.substring(0, Math.min(20, item.length())) + "...");
                    return;
                }
            }
            report.put("took " + n + " in order, then poll() gave " + q.poll());
        }).start();
        assertEquals("took " + n + " in order, then poll() gave null", next(report, child));
        finish(child);
        assertNull(q.poll(), "the queue holds more than was put");
        assertTrue(q.isEmpty(), "isEmpty() of a queue that was emptied");
        assertEquals(0, q.size(), "size() of a queue that was emptied");
    }

    @Test
    void aBoundedQueueHoldsExactlyItsBoundAndATakeMakesRoomForExactlyOneMore() throws Exception {
        final int capacity = 3_000;
        Queue<Integer> q = mp().queue(capacity);
        for (int i = 0; i < capacity; i++) {
            if (!q.offer(i)) {
                fail("offer " + i + " into a queue(" + capacity + ") holding " + i + " items returned false");
            }
        }
        assertFalse(q.offer(capacity), "an item beyond the bound went into a queue(" + capacity + ")");
        assertTrue(q.isFull(), "isFull() of a queue(" + capacity + ") holding " + capacity + " items");
        assertEquals(capacity, q.size());
        assertEquals(0, q.take());
        assertFalse(q.isFull(), "isFull() after a take");
        assertTrue(q.offer(capacity), "a take made no room");
        assertFalse(q.offer(-1), "a take made room for more than one item");
        assertTrue(q.isFull());
        assertEquals(capacity, q.size());

        // A child sees it full, takes everything in order, then fills it again with offers of its own.
        Queue<Object> report = mp().queue();
        Process child = mp().process(() -> {
            report.put(List.of(q.isFull(), q.size(), q.offer(-1)));
            int wrong = -1;
            for (int i = 1; i <= capacity; i++) {
                int v = q.take();
                if (v != i && wrong < 0) {
                    wrong = i;
                }
            }
            report.put(List.of(wrong, String.valueOf(q.poll()), q.isEmpty()));
            int accepted = 0;
            while (accepted <= capacity && q.offer(capacity + 1 + accepted)) {
                accepted++;
            }
            report.put(List.of(accepted, q.isFull(), q.size()));
        }).start();
        assertEquals(List.of(true, capacity, false), next(report, child), "a child's view of the full queue: isFull(), "
                + "size(), offer(e)");
        assertEquals(List.of(-1, "null", true), next(report, child), "the child took every item in order (else: the "
                + "first out of place), then poll() and isEmpty()");
        assertEquals(List.of(capacity, true, capacity), next(report, child), "a child's offers into the emptied queue "
                + "until one returned false, then isFull() and size()");
        finish(child);
        assertTrue(q.isFull());
        assertEquals(capacity, q.size());
        for (int i = 0; i < capacity; i++) {
            assertEquals(capacity + 1 + i, q.poll(), "the child's offers, in order");
        }
        assertNull(q.poll());
        assertEquals(0, q.size());
        assertFalse(q.isFull());
    }

    @Test
    void sizeOfABoundedQueueStaysBetweenZeroAndItsBoundWhileThreadsOfTwoProcessesPutAndTake() throws Exception {
        sizeStaysInBoundsWhileThreadsPutAndTake(100);
    }

    @Test
    void sizeOfAnUnboundedQueueNeverGoesNegativeNorAboveWhatWasPutWhileThreadsOfTwoProcessesPutAndTake()
            throws Exception {
        sizeStaysInBoundsWhileThreadsPutAndTake(0);
    }

    @Test
    void aBoundedQueueRefusesOrBlocksWhenFull() throws Exception {
        Queue<String> q = mp().queue(2);
        assertFalse(q.isFull());
        q.put("a");
        assertTrue(q.offer("b"));
        assertTrue(q.isFull());
        assertEquals(2, q.size());
        Queue<Object> report = mp().queue();
        Process child = mp().process(() -> {
            report.put(List.of(q.isFull(), q.size(), q.offer("x")));
            long start = System.nanoTime();
            boolean in = q.offer("x", Duration.ofMillis(200));
            report.put(List.of(in, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
            q.put("c");
            report.put("put returned");
        }).start();

        assertFalse(q.offer("c"), "a third item went into a queue of 2");
        long t0 = System.nanoTime();
        assertFalse(q.offer("c", Duration.ofMillis(200)));
        assertTookAbout(200, millisSince(t0), "offer(e, 200 ms) on a full queue");
        assertEquals(2, q.size());

        assertEquals(List.of(true, 2, false), next(report, child), "the child's view of the full queue: isFull, size, offer");
        List<?> timed = next(report, child);
        assertEquals(false, timed.get(0), "the child's offer(e, 200 ms) went into a full queue");
        assertTookAbout(200, ((Number) timed.get(1)).longValue(), "the child's offer(e, 200 ms) on a full queue");

        Thread.sleep(500);
        assertTrue(child.isAlive(), "the child's put into a full queue did not block");
        assertNull(report.poll(), "the child's put into a full queue returned while it was full");
        assertEquals(2, q.size());
        assertEquals("a", q.take());
        assertEquals("put returned", next(report, child), "the child's put did not complete once there was room");
        finish(child);
        assertTrue(q.isFull());

        // A put in the owner blocks too, until there is room.
        FutureTask<Void> put = background("blocked-put", () -> {
            q.put("d");
            return null;
        });
        Thread.sleep(200);
        assertFalse(put.isDone(), "put into a full queue did not block");
        assertEquals("b", q.take());
        put.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertEquals("c", q.take());
        assertEquals("d", q.take());
        assertNull(q.poll());
        assertFalse(q.isFull());
        assertTrue(q.isEmpty());
    }
}
