package dev.mp4j.tck;

import dev.mp4j.JoinableQueue;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.Task;

import org.junit.jupiter.api.Test;

import java.io.NotSerializableException;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Queues and joinable queues across processes: exactly-once FIFO delivery, bounds, timeouts, interrupts (while
 * waiting and on entry), refusal of bad items, close, flushing at start and exit, re-attachment, and the item types
 * that must round-trip; an unbounded queue holds thousands of unread items, a bounded one exactly its bound, and
 * {@code size()} stays within 0 and the bound while threads of several processes put and take.
 *
 * <p>Tasks are lambdas that capture only local variables (queues, strings, numbers), never the test instance.
 */
public abstract class QueueContract extends TransportContract {
    /** How long a test waits for something another process should do. Generous: the machine may be loaded. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A user type that crosses processes by Java serialization. */
    public record Point(String name, int x, List<String> tags) implements Serializable {}

    /** A class that cannot be serialized. */
    public static final class Unserializable {
        @Override
        public String toString() {
            return "Unserializable";
        }
    }

    /** A serializable class holding one that is not. */
    public static final class Holder implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        @SuppressWarnings({"unused", "serial"})
        private final Object inner = new Unserializable();
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Takes the next item, failing (early) if a watched process died with a non-zero exit code first. */
    @SuppressWarnings("unchecked")
    private static <T> T next(Queue<?> q, Process... watched) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Object item = q.poll(Duration.ofMillis(100));
            if (item != null) {
                return (T) item;
            }
            for (Process p : watched) {
                OptionalInt code = p.exitCode();
                if (code.isPresent() && code.getAsInt() != 0) {
                    fail(p.name() + " ended with exit code " + code.getAsInt() + " before sending what the test waits for (see its stderr)");
                }
            }
            if (System.nanoTime() > deadline) {
                fail("nothing arrived within " + PATIENCE.toSeconds() + " s");
            }
        }
    }

    /** Waits for work on a thread of this process, failing (early) if a watched process died first. */
    private static <T> T await(FutureTask<T> f, Process... watched) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                return f.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                for (Process p : watched) {
                    OptionalInt code = p.exitCode();
                    if (code.isPresent() && code.getAsInt() != 0) {
                        fail(p.name() + " ended with exit code " + code.getAsInt() + " (see its stderr)");
                    }
                }
                if (System.nanoTime() > deadline) {
                    fail("not done within " + PATIENCE.toSeconds() + " s");
                }
            }
        }
    }

    /** Waits for each process to end and checks that it succeeded. */
    private static void finish(Process... ps) throws InterruptedException {
        for (Process p : ps) {
            if (!p.join(Duration.ofSeconds(60))) {
                p.kill();
                fail(p.name() + " did not end within a minute");
            }
            assertEquals(OptionalInt.of(0), p.exitCode(), p.name() + " failed (see its stderr)");
        }
    }

    private static Process[] startAll(Process... ps) {
        for (Process p : ps) {
            p.start();
        }
        return ps;
    }

    /** Runs {@code work} on a daemon thread of this process. */
    private static <T> FutureTask<T> background(String name, Callable<T> work) {
        FutureTask<T> f = new FutureTask<>(work);
        Thread t = new Thread(f, name);
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static void assertTookAbout(long expectedMillis, long actualMillis, String what) {
        assertTrue(actualMillis >= expectedMillis - 10, what + " returned early: after " + actualMillis + " ms of " + expectedMillis);
        assertTrue(actualMillis < expectedMillis + 3_000, what + " returned far too late: after " + actualMillis + " ms of " + expectedMillis);
    }

    /**
     * Runs a blocking call on a new thread, interrupts the thread once it has surely blocked, and says what
     * happened: "interrupted" if the call threw {@link InterruptedException}. Used in children too.
     */
    private static String interruptWhileBlocked(Callable<?> blocking) throws InterruptedException {
        String[] outcome = {"still blocked"};
        Thread t = new Thread(() -> {
            try {
                outcome[0] = "returned " + blocking.call();
            } catch (InterruptedException e) {
                outcome[0] = "interrupted";
            } catch (Throwable e) {
                outcome[0] = "threw " + e;
            }
        }, "blocked-caller");
        t.setDaemon(true);
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING
                && t.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(300); // let a remote request reach its owner and wait there
        t.interrupt();
        t.join(10_000);
        return outcome[0];
    }

    /**
     * With this thread's interrupt flag set, polls the queue (which holds an item) and offers to it (which has
     * room): neither may wait, so neither may care about the flag, as in {@code java.util.concurrent}. Used in
     * children too.
     */
    private static List<String> pollAndOfferWhileInterrupted(Queue<String> q) {
        Thread.currentThread().interrupt();
        try {
            String polled = q.poll();
            boolean offered = q.offer("offered");
            return List.of("poll " + polled, "offer " + offered, "flag " + Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * Calls {@code call} with this thread's interrupt flag set on entry, and says what happened; clears the flag
     * afterwards. Used in children too.
     */
    private static String interruptedOnEntry(Callable<?> call) {
        Thread.currentThread().interrupt();
        try {
            return "returned " + call.call();
        } catch (InterruptedException e) {
            return "threw InterruptedException";
        } catch (Throwable e) {
            return "threw " + e;
        } finally {
            Thread.interrupted();
        }
    }

    /** The calls that may wait, in the order {@link #mayWaitCallsEnteredWhileInterrupted} makes them. */
    private static final List<String> MAY_WAIT = List.of("poll(10 s)", "take()", "put(e)", "offer(e, 10 s)");

    /**
     * Makes each call that may wait ({@link #MAY_WAIT}) on its own queue of 2 that holds one item ("present"), so
     * that no call needs to wait, with the interrupt flag set on entry; says what each did and what its queue held
     * afterwards (draining it). Used in children too.
     */
    private static List<String> mayWaitCallsEnteredWhileInterrupted(List<Queue<String>> queues) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < MAY_WAIT.size(); c++) {
            Queue<String> q = queues.get(c);
            String outcome = switch (c) {
                case 0 -> interruptedOnEntry(() -> q.poll(Duration.ofSeconds(10)));
                case 1 -> interruptedOnEntry(q::take);
                case 2 -> interruptedOnEntry(() -> {
                    q.put("put");
                    return "(put)";
                });
                default -> interruptedOnEntry(() -> q.offer("offered", Duration.ofSeconds(10)));
            };
            List<String> held = new ArrayList<>();
            for (String item = q.poll(); item != null && held.size() < 5; item = q.poll()) {
                held.add(item);
            }
            out.add(MAY_WAIT.get(c) + " " + outcome + "; then the queue held " + held);
        }
        return out;
    }

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
    void everyItemIsDeliveredExactlyOnceAndInOrderPerProducer() throws Exception {
        final int perProducer = 2_000;
        Queue<Integer> work = mp().queue();
        Queue<int[]> results = mp().queue();

        Task consumer = () -> {
            int[] got = new int[2 * perProducer];
            int n = 0;
            while (true) {
                int v = work.take();
                if (v < 0) {
                    break;
                }
                got[n++] = v;
            }
            results.put(Arrays.copyOf(got, n));
        };
        Process[] consumers = startAll(mp().process(consumer), mp().process(consumer));
        FutureTask<int[]> mine = background("parent-consumer", () -> {
            int[] got = new int[2 * perProducer];
            int n = 0;
            while (true) {
                int v = work.take();
                if (v < 0) {
                    return Arrays.copyOf(got, n);
                }
                got[n++] = v;
                Thread.sleep(1); // this consumer is local and fast: leave the children a share
            }
        });
        Process[] producers = new Process[2];
        for (int p = 0; p < 2; p++) {
            final int producer = p;
            producers[p] = mp().process(() -> {
                for (int i = 0; i < perProducer; i++) {
                    work.put(producer * 100_000 + i);
                }
            });
        }
        startAll(producers);
        finish(producers);
        // The producers have ended, so all their items are in the queue: one end mark per consumer after them.
        for (int i = 0; i < 3; i++) {
            work.put(-1);
        }
        List<int[]> seen = new ArrayList<>();
        seen.add(await(mine, consumers));
        seen.add(next(results, consumers));
        seen.add(next(results, consumers));
        finish(consumers);

        boolean[][] delivered = new boolean[2][perProducer];
        for (int c = 0; c < seen.size(); c++) {
            int[] last = {-1, -1};
            for (int v : seen.get(c)) {
                int producer = v / 100_000;
                int seq = v % 100_000;
                assertTrue(producer >= 0 && producer < 2 && seq < perProducer, "an item nobody put: " + v);
                assertFalse(delivered[producer][seq], "delivered twice: p" + producer + "-" + seq);
                delivered[producer][seq] = true;
                assertTrue(seq > last[producer], "consumer " + c + " got p" + producer + "-" + seq + " after p" + producer + "-" + last[producer]);
                last[producer] = seq;
            }
        }
        for (int p = 0; p < 2; p++) {
            for (int i = 0; i < perProducer; i++) {
                assertTrue(delivered[p][i], "lost: p" + p + "-" + i);
            }
        }
        assertNull(work.poll(), "the queue holds more than was put");
    }

    @Test
    void aChildConsumesWhatTheParentPutsAndTheParentWhatAChildPuts() throws Exception {
        Queue<String> down = mp().queue();
        Queue<String> up = mp().queue();
        Queue<List<String>> report = mp().queue();
        for (int i = 0; i < 50; i++) {
            down.put("d" + i);
        }
        Process child = mp().process(() -> { // a producer and a consumer
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                up.put("u" + i);
                got.add(down.take());
            }
            report.put(got);
        }).start();
        for (int i = 50; i < 100; i++) { // some while the child already waits
            down.put("d" + i);
        }
        List<String> expectedDown = new ArrayList<>();
        List<String> expectedUp = new ArrayList<>();
        List<String> gotUp = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expectedDown.add("d" + i);
            expectedUp.add("u" + i);
            gotUp.add(next(up, child));
        }
        assertEquals(expectedUp, gotUp);
        assertEquals(expectedDown, next(report, child));
        finish(child);
        assertNull(down.poll());
        assertNull(up.poll());
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

    @Test
    void nullAndUnserializableItemsAreRefusedAndHoldNoSlot() throws Exception {
        Queue<Object> remote = mp().queue(1);
        Queue<List<String>> report = mp().queue();
        Process child = mp().process(() -> {
            List<String> out = new ArrayList<>();
            try {
                remote.put(null);
                out.add("put(null) returned");
            } catch (NullPointerException npe) {
                out.add("NPE");
            }
            try {
                remote.put(new Unserializable());
                out.add("put(unserializable) returned");
            } catch (IllegalArgumentException iae) {
                out.add(iae.getMessage());
                out.add(String.valueOf(iae.getCause()));
            }
            out.add("offer " + remote.offer("x"));
            report.put(out);
        }).start();

        Queue<Object> q = mp().queue(1);
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertThrows(NullPointerException.class, () -> q.offer(null));
        assertThrows(NullPointerException.class, () -> q.offer(null, Duration.ofMillis(10)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.put(new Unserializable()));
        assertTrue(e.getMessage().contains(Unserializable.class.getName()), e.getMessage());
        assertInstanceOf(NotSerializableException.class, e.getCause());
        e = assertThrows(IllegalArgumentException.class, () -> q.offer(new Object()));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> q.offer(new Holder(), Duration.ofMillis(10)));
        assertTrue(e.getMessage().contains(Unserializable.class.getName()), "the message does not name the class at fault: " + e.getMessage());
        assertEquals(0, q.size());
        assertTrue(q.offer("x"), "a refused item holds a slot of a queue(1)");
        assertEquals("x", q.poll());

        List<String> out = next(report, child);
        finish(child);
        assertEquals(4, out.size(), out.toString());
        assertEquals("NPE", out.get(0));
        assertTrue(out.get(1).contains(Unserializable.class.getName()), out.get(1));
        assertTrue(out.get(2).startsWith(NotSerializableException.class.getName()), "cause: " + out.get(2));
        assertEquals("offer true", out.get(3), "in a child, a refused item holds a slot of a queue(1)");
        assertEquals("x", remote.poll());
        assertNull(remote.poll(), "a refused item reached the queue");
    }

    @Test
    void aProducerThatEndedLeavesAllItsItemsInOrder() throws Exception {
        Queue<String> q = mp().queue();
        Process p = mp().process(() -> {
            for (int i = 0; i < 1000; i++) {
                q.put("item-" + i);
            }
        });
        Queue<Integer> failing = mp().queue();
        Process f = mp().process(() -> {
            for (int i = 0; i < 500; i++) {
                failing.put(i);
            }
            throw new IllegalStateException("a producer that fails after its puts (expected by the test)");
        });
        startAll(p, f);
        assertTrue(p.join(Duration.ofSeconds(60)) && f.join(Duration.ofSeconds(60)), "a producer did not end");
        assertEquals(OptionalInt.of(0), p.exitCode());
        assertEquals(OptionalInt.of(1), f.exitCode());
        assertEquals(1000, q.size(), "items of a joined producer are missing");
        for (int i = 0; i < 1000; i++) {
            assertEquals("item-" + i, q.poll());
        }
        assertNull(q.poll());
        assertTrue(q.isEmpty());
        assertEquals(500, failing.size(), "items of a producer whose task threw are missing");
        for (int i = 0; i < 500; i++) {
            assertEquals(i, failing.poll());
        }
        assertNull(failing.poll());
    }

    @Test
    void closeStopsPutsFromThisProcessOnly() throws Exception {
        // Closed in the owner: its later puts fail; what it put is delivered; a child still puts.
        Queue<String> q = mp().queue();
        Queue<List<String>> report = mp().queue();
        q.put("a");
        q.close();
        q.close();
        assertThrows(IllegalStateException.class, () -> q.put("b"));
        assertThrows(IllegalStateException.class, () -> q.offer("b"));
        assertThrows(IllegalStateException.class, () -> q.offer("b", Duration.ofMillis(10)));
        Queue<String> fromChild = mp().queue();
        Process child = mp().process(() -> {
            q.put("c");
            report.put(List.of(q.take(), q.take()));

            // Closed in a child: its later puts fail; what it put before is delivered.
            fromChild.put("x1");
            fromChild.put("x2");
            fromChild.close();
            fromChild.close();
            try {
                fromChild.put("x3");
                System.exit(2);
            } catch (IllegalStateException expected) {
                // as it should
            }
            try {
                fromChild.offer("x3");
                System.exit(3);
            } catch (IllegalStateException expected) {
                // as it should
            }
        }).start();
        assertEquals(List.of("a", "c"), next(report, child));
        assertTrue(child.join(Duration.ofSeconds(60)), "the child did not end");
        assertEquals(OptionalInt.of(0), child.exitCode(), "2: put after close did not throw; 3: offer after close did not throw");
        assertEquals("x1", fromChild.poll());
        assertEquals("x2", fromChild.poll());
        assertNull(fromChild.poll());
    }

    @Test
    void pollReturnsNullWhenEmptyAndAfterItsTimeout() throws Exception {
        Queue<String> q = mp().queue();
        Queue<Object> report = mp().queue();
        Process child = mp().process(() -> {
            boolean empty = q.poll() == null;
            boolean emptyZero = q.poll(Duration.ZERO) == null;
            long start = System.nanoTime();
            boolean timedOut = q.poll(Duration.ofMillis(300)) == null;
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            report.put(List.of(empty, emptyZero, timedOut, ms, q.isEmpty()));
            report.put(String.valueOf(q.poll(Duration.ofSeconds(30))));
        }).start();

        Queue<String> local = mp().queue();
        assertNull(local.poll());
        assertNull(local.poll(Duration.ZERO));
        long t0 = System.nanoTime();
        assertNull(local.poll(Duration.ofMillis(300)));
        assertTookAbout(300, millisSince(t0), "poll(300 ms) on an empty queue");
        local.put("here");
        t0 = System.nanoTime();
        assertEquals("here", local.poll(Duration.ofSeconds(10)));
        assertTrue(millisSince(t0) < 2_000, "poll(timeout) waited although an item was there");
        assertNull(local.poll());

        List<?> seen = next(report, child);
        assertEquals(List.of(true, true, true), seen.subList(0, 3), "in a child: poll(), poll(0), poll(300 ms) on an empty queue");
        assertTookAbout(300, ((Number) seen.get(3)).longValue(), "a child's poll(300 ms) on an empty queue");
        assertEquals(true, seen.get(4), "isEmpty in a child");
        q.put("late");
        assertEquals("late", next(report, child), "a child's poll(30 s) did not get an item put while it waited");
        finish(child);
        assertNull(q.poll());
    }

    @Test
    void anInterruptedWaitThrowsAndLosesNothing() throws Exception {
        // In a child, on queues owned by the parent.
        Queue<String> q = mp().queue();
        Queue<String> full = mp().queue(1);
        full.put("full");
        Queue<String> report = mp().queue();
        Process child = mp().process(() -> {
            report.put("take: " + interruptWhileBlocked(q::take));
            report.put("put: " + interruptWhileBlocked(() -> {
                full.put("blocked");
                return null;
            }));
            report.put("took " + q.take());
        }).start();

        // In this process, the owner.
        Queue<String> local = mp().queue();
        assertEquals("interrupted", interruptWhileBlocked(local::take));
        assertEquals("interrupted", interruptWhileBlocked(() -> local.poll(Duration.ofSeconds(60))));
        local.put("after");
        assertEquals("after", local.poll(Duration.ofSeconds(5)), "an item put after an interrupted take was lost");
        Queue<String> localFull = mp().queue(1);
        localFull.put("full");
        assertEquals("interrupted", interruptWhileBlocked(() -> {
            localFull.put("blocked");
            return null;
        }));
        assertEquals("full", localFull.poll());
        assertNull(localFull.poll(), "an interrupted put inserted its item");
        assertEquals("take: interrupted", next(report, child));
        assertEquals("put: interrupted", next(report, child));
        q.put("item");
        assertEquals("took item", next(report, child), "an item put after a child's interrupted take did not reach the child's next take");
        finish(child);
        assertEquals("full", full.poll());
        assertNull(full.poll(), "an interrupted put inserted its item");
        assertNull(q.poll());
    }

    @Test
    void pollAndOfferDoNotWaitSoIgnoreTheInterruptFlag() throws Exception {
        Queue<String> remote = mp().queue(2);
        remote.put("present");
        Queue<List<String>> report = mp().queue();
        Process child = mp().process(() -> report.put(pollAndOfferWhileInterrupted(remote))).start();

        Queue<String> local = mp().queue(2);
        local.put("present");
        List<String> inOwner = pollAndOfferWhileInterrupted(local);
        List<String> inChild = next(report, child);
        finish(child);
        List<String> expected = List.of("poll present", "offer true", "flag true");
        assertAll(
                () -> assertEquals(expected, inOwner, "poll() and offer(e) in the owner, with the interrupt flag set, on a queue with an item and room"),
                () -> assertEquals(expected, inChild, "poll() and offer(e) in a child, with the interrupt flag set, on a queue with an item and room"));
        assertEquals("offered", local.poll());
        assertEquals("offered", remote.poll());
    }

    @Test
    void callsThatMayWaitThrowWhenEnteredWithTheInterruptFlagSetAndChangeNothing() throws Exception {
        // As java.util.concurrent's queues do: the flag is checked on entry, even when no wait is needed.
        List<Queue<String>> remote = new ArrayList<>();
        List<Queue<String>> local = new ArrayList<>();
        for (int c = 0; c < MAY_WAIT.size(); c++) {
            remote.add(mp().queue(2));
            remote.get(c).put("present");
            local.add(mp().queue(2));
            local.get(c).put("present");
        }
        Queue<List<String>> report = mp().queue();
        List<Queue<String>> theirs = List.copyOf(remote);
        Process child = mp().process(() -> report.put(mayWaitCallsEnteredWhileInterrupted(theirs))).start();

        List<String> inOwner = mayWaitCallsEnteredWhileInterrupted(local);
        List<String> inChild = next(report, child);
        finish(child);
        List<String> expected = MAY_WAIT.stream()
                .map(call -> call + " threw InterruptedException; then the queue held [present]").toList();
        assertAll(
                () -> assertEquals(expected, inOwner, "in the owner, each on a queue(2) holding one item, with the interrupt flag set on entry"),
                () -> assertEquals(expected, inChild, "in a child, each on a queue(2) holding one item, with the interrupt flag set on entry"));
        for (int c = 0; c < MAY_WAIT.size(); c++) {
            assertNull(local.get(c).poll());
            assertNull(remote.get(c).poll());
        }
    }

    /**
     * A local taker interrupted just as an item arrives must not keep that item from a remote taker that waits:
     * either the local take returns the item, or the waiting child gets it. A race, so tried many times.
     */
    @Test
    void anItemIsNotStrandedWhenALocalTakerIsInterruptedAsItArrives() throws Exception {
        Queue<String> q = mp().queue();
        Queue<String> report = mp().queue();
        Process child = mp().process(() -> {
            report.put("ready");
            while (true) {
                String s = q.take();
                if (s.equals("stop")) {
                    return;
                }
                report.put(s);
            }
        }).start();
        assertEquals("ready", next(report, child));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int tries = 0;
        try {
            for (int i = 0; i < 300 && System.nanoTime() < deadline; i++, tries++) {
                String[] outcome = {null};
                Thread taker = new Thread(() -> {
                    try {
                        outcome[0] = q.take();
                    } catch (InterruptedException e) {
                        outcome[0] = "interrupted";
                    }
                });
                taker.setDaemon(true);
                taker.start();
                // blocked in take: parked on a condition, or parking between looks at a queue kept in shared memory
                while (taker.getState() != Thread.State.WAITING && taker.getState() != Thread.State.TIMED_WAITING
                        && taker.isAlive()) {
                    Thread.onSpinWait();
                }
                Thread.sleep(3); // the child's next take reaches the owner
                taker.interrupt();
                long until = System.nanoTime() + (i * 7919L) % 60_000; // vary who gets to the queue's lock first
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                String item = "item-" + i;
                q.put(item);
                taker.join(10_000);
                assertFalse(taker.isAlive());
                if (outcome[0].equals("interrupted")) {
                    assertEquals(item, report.poll(Duration.ofSeconds(10)), "try " + i + ": the local taker was interrupted and the child waits in take, "
                            + "but the item did not reach it (items in the queue: " + q.size() + ")");
                } else {
                    assertEquals(item, outcome[0]);
                }
            }
        } finally {
            q.put("stop");
        }
        finish(child);
        assertTrue(tries >= 50, "only " + tries + " tries");
        assertNull(q.poll());
        assertNull(report.poll());
    }

    @Test
    void joinWaitsUntilEveryItemIsDone() throws Exception {
        final int items = 200;
        JoinableQueue<Integer> jq = mp().joinableQueue();
        Queue<Integer> done = mp().queue();
        for (int i = 0; i < items; i++) {
            jq.put(i);
        }
        jq.put(-1);
        jq.put(-1);
        FutureTask<Void> join = background("joiner", () -> {
            jq.join();
            return null;
        });
        Task worker = () -> {
            while (true) {
                int v = jq.take();
                if (v < 0) {
                    jq.taskDone();
                    return;
                }
                done.put(v);
                Thread.sleep(1);
                jq.taskDone();
            }
        };
        Process[] workers = {mp().process(worker), mp().process(worker)};
        Thread.sleep(200);
        assertFalse(join.isDone(), "join returned while no item was done");
        startAll(workers);
        await(join, workers);
        assertEquals(items, done.size(), "join returned before every item was processed");
        finish(workers);
        boolean[] seen = new boolean[items];
        for (int i = 0; i < items; i++) {
            int v = done.poll();
            assertFalse(seen[v], "processed twice: " + v);
            seen[v] = true;
        }
        jq.join(); // nothing unfinished: returns at once
        assertNull(jq.poll());
    }

    @Test
    void taskDoneMoreOftenThanItemsIsRefused() throws Exception {
        JoinableQueue<String> jq = mp().joinableQueue();
        Queue<String> report = mp().queue();
        jq.put("only");
        jq.put("second");
        Process child = mp().process(() -> {
            String s = jq.take();
            jq.taskDone();
            report.put("joining");
            jq.join(); // "second" is not done yet
            report.put("joined");
            try {
                jq.taskDone();
                report.put("an extra taskDone returned after " + s);
            } catch (IllegalStateException e) {
                report.put("ISE");
            }
        }).start();

        JoinableQueue<String> local = mp().joinableQueue();
        assertThrows(IllegalStateException.class, local::taskDone);
        local.put("one");
        assertEquals("one", local.take());
        local.taskDone();
        assertThrows(IllegalStateException.class, local::taskDone);
        // the count stayed at zero: a new item makes join wait again
        local.put("two");
        FutureTask<Void> join = background("joiner", () -> {
            local.join();
            return null;
        });
        assertThrows(TimeoutException.class, () -> join.get(200, TimeUnit.MILLISECONDS), "join returned with an item unfinished");
        assertEquals("two", local.take());
        local.taskDone();
        join.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertEquals("joining", next(report, child));
        Thread.sleep(300);
        assertNull(report.poll(), "a child's join() returned with an item unfinished");
        assertEquals("second", jq.take());
        jq.taskDone();
        assertEquals("joined", next(report, child), "a child's join() did not return once every item was done");
        assertEquals("ISE", next(report, child), "a child's extra taskDone()");
        finish(child);
        FutureTask<Void> joined = background("joiner", () -> {
            jq.join();
            return null;
        });
        joined.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        jq.put("again");
        FutureTask<Void> waits = background("joiner", () -> {
            jq.join();
            return null;
        });
        assertThrows(TimeoutException.class, () -> waits.get(200, TimeUnit.MILLISECONDS), "a child's extra taskDone() pushed the count below zero");
        jq.take();
        jq.taskDone();
        waits.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void startingAProcessFlushesThePutsOfTheStarter() throws Exception {
        final int filler = 1_000;
        final int rounds = 3;
        String transport = transport();
        Queue<Object> q = mp().queue();
        // The child is not the queue's owner: its puts travel to this process. In each round it puts a block of
        // items and a marker, then starts a grandchild that puts its own marker; the grandchildren run in parallel.
        Process starter = mp().process(() -> {
            List<Process> grandchildren = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < filler; i++) {
                    q.put(r * filler + i);
                }
                q.put("first-" + r);
                String second = "second-" + r;
                grandchildren.add(Multiprocessing.context(transport).process(() -> q.put(second)).start());
            }
            for (Process g : grandchildren) {
                g.join();
                if (g.exitCode().orElse(-1) != 0) {
                    System.exit(2);
                }
            }
        }).start();
        List<Object> got = new ArrayList<>();
        for (int i = 0; i < rounds * (filler + 2); i++) {
            got.add(next(q, starter));
        }
        finish(starter);
        assertNull(q.poll());
        List<Object> expectedFromStarter = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < filler; i++) {
                expectedFromStarter.add(r * filler + i);
            }
            expectedFromStarter.add("first-" + r);
        }
        assertEquals(expectedFromStarter, got.stream().filter(o -> !(o instanceof String s && s.startsWith("second-"))).toList(),
                "the starter's items, in its order");
        for (int r = 0; r < rounds; r++) {
            int first = got.indexOf("first-" + r);
            int second = got.indexOf("second-" + r);
            assertTrue(second >= 0, "round " + r + ": the grandchild's item is missing");
            assertTrue(first < second, "round " + r + ": the grandchild's item overtook what its starter put before start()");
        }
    }

    @Test
    void aQueueSentThroughAQueueReattaches() throws Exception {
        String transport = transport();
        // A queue of the parent, sent to a child.
        Queue<Queue<String>> mailbox = mp().queue();
        Queue<String> target = mp().queue();
        JoinableQueue<String> joinable = mp().joinableQueue();
        Queue<Object> back = mp().queue();
        Process child = mp().process(() -> {
            Queue<String> got = mailbox.take();
            got.put("through a sent queue");
            Queue<String> j = mailbox.take();
            j.put("joinable: " + (j instanceof JoinableQueue));

            // A queue of a child, sent to the parent.
            Queue<String> mine = Multiprocessing.context(transport).queue();
            back.put(mine);
            back.put("child got " + mine.poll(PATIENCE));
            Queue<String> returned = mailbox.take(); // its own queue, back home
            returned.put("home");
            back.put("its own queue holds " + mine.poll(PATIENCE));
        }).start();
        mailbox.put(target);
        mailbox.put(joinable);
        assertEquals("through a sent queue", next(target, child));
        assertEquals("joinable: true", next(joinable, child));

        Queue<String> childs = next(back, child);
        childs.put("ping");
        assertEquals("child got ping", next(back, child));
        mailbox.put(childs);
        assertEquals("its own queue holds home", next(back, child));
        finish(child);

        // A queue sent through a queue back to its owner.
        Queue<Queue<String>> loop = mp().queue();
        loop.put(target);
        Queue<String> same = loop.take();
        same.put("same queue");
        assertEquals("same queue", target.poll());
    }

    /** The items of {@link #itemsOfManyTypesRoundTrip()}; the child builds the same ones to compare. */
    private static List<Object> samples() {
        List<Object> mutable = new ArrayList<>(List.of("a", 1, 2L, 3.5));
        return List.of(
                "h\u00e9llo w\u00f6rld \u4f60\u597d \uD83D\uDE00",
                "",
                "lone \uD800 surrogate",
                42,
                Integer.MIN_VALUE,
                Long.MAX_VALUE,
                Math.PI,
                Double.NaN,
                -0.0,
                new byte[] {0, 1, -128, 127},
                new byte[0],
                new int[] {1, -2, Integer.MAX_VALUE},
                new long[] {Long.MIN_VALUE, 0, 7},
                new double[] {1.5, Double.NaN, -0.0, Double.NEGATIVE_INFINITY},
                mutable,
                List.of("x", "y"),
                new Point("p\u00e4", 3, List.of("t1", "\uD83D\uDE80")));
    }

    private static void assertSameItem(Object expected, Object actual, String where) {
        if (expected instanceof List) {
            assertInstanceOf(List.class, actual, where);
        } else {
            assertEquals(expected.getClass(), actual.getClass(), where);
        }
        assertTrue(Objects.deepEquals(expected, actual), where + ": expected " + show(expected) + " but got " + show(actual));
    }

    private static String show(Object o) {
        return o instanceof Object[] a ? Arrays.deepToString(a)
                : o instanceof byte[] b ? Arrays.toString(b)
                : o instanceof int[] i ? Arrays.toString(i)
                : o instanceof long[] l ? Arrays.toString(l)
                : o instanceof double[] d ? Arrays.toString(d)
                : String.valueOf(o);
    }

    @Test
    void itemsOfManyTypesRoundTrip() throws Exception {
        Queue<Object> in = mp().queue();
        Queue<Object> out = mp().queue();
        List<Object> samples = samples();
        for (Object o : samples) {
            in.put(o);
        }
        int n = samples.size();
        Process echo = mp().process(() -> {
            List<Object> expected = samples();
            for (int i = 0; i < n; i++) {
                Object got = in.take();
                out.put(got); // decoded here and encoded again
                out.put(expected.get(i)); // encoded here from scratch
            }
        }).start();
        for (int i = 0; i < n; i++) {
            Object echoed = next(out, echo);
            assertSameItem(samples.get(i), echoed, "item " + i + " sent to a child and back");
            Object made = next(out, echo);
            assertSameItem(samples.get(i), made, "item " + i + " made in a child");
        }
        finish(echo);
        assertNull(out.poll());
    }
}
