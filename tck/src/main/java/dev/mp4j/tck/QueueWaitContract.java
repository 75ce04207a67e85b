package dev.mp4j.tck;

import dev.mp4j.Process;
import dev.mp4j.Queue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static dev.mp4j.tck.QueueChecks.assertTookAbout;
import static dev.mp4j.tck.QueueChecks.finish;
import static dev.mp4j.tck.QueueChecks.millisSince;
import static dev.mp4j.tck.QueueChecks.next;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Timeouts and interrupts of queues across processes: {@code poll} returns null when the queue is empty and after
 * its timeout, not before; a wait interrupted in the owner or in a child throws {@link InterruptedException} and
 * loses nothing; {@code poll()} and {@code offer(e)}, which never wait, ignore the interrupt flag; the calls that may
 * wait throw when entered with the flag set, even when no wait is needed, and change nothing; and an item is not
 * stranded when a local taker is interrupted just as it arrives.
 *
 * <p>Tasks are lambdas that capture only local variables (queues, strings, numbers), never the test instance.
 */
public abstract class QueueWaitContract extends TransportContract {
    // ------------------------------------------------------------------------------------------ helpers

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

    // ------------------------------------------------------------------------------------------ tests

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
        assertTrue(millisSince(t0) < slack(2_000), "poll(timeout) waited although an item was there");
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
        // a count of tries, not a time: a loaded machine gets through fewer in a second, and must get through all
        try {
            for (int i = 0; i < 50; i++) {
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
        assertNull(q.poll());
        assertNull(report.poll());
    }
}
