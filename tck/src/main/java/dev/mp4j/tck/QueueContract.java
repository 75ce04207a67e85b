package dev.mp4j.tck;

import dev.mp4j.JoinableQueue;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.Task;
import dev.mp4j.tck.QueueChecks.Holder;
import dev.mp4j.tck.QueueChecks.Unserializable;

import org.junit.jupiter.api.Test;

import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.mp4j.tck.QueueChecks.PATIENCE;
import static dev.mp4j.tck.QueueChecks.assertSameItem;
import static dev.mp4j.tck.QueueChecks.await;
import static dev.mp4j.tck.QueueChecks.background;
import static dev.mp4j.tck.QueueChecks.finish;
import static dev.mp4j.tck.QueueChecks.next;
import static dev.mp4j.tck.QueueChecks.samples;
import static dev.mp4j.tck.QueueChecks.startAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queues and joinable queues across processes: delivery and semantics. Exactly-once delivery, in order per producer,
 * to consumers in several processes and both ways between parent and child; refusal of null and unserializable items;
 * the items of a producer that ended; close; flushing at start; re-attachment of a queue sent through a queue; the
 * item types that must round-trip; {@code join()} and {@code taskDone()}. Bounds, size and backlogs are proved by
 * {@link QueueCapacityContract}, timeouts and interrupts by {@link QueueWaitContract}.
 *
 * <p>Tasks are lambdas that capture only local variables (queues, strings, numbers), never the test instance.
 */
public abstract class QueueContract extends TransportContract {
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
            assertThrows(IllegalStateException.class, () -> fromChild.put("x3"), "put after close");
            assertThrows(IllegalStateException.class, () -> fromChild.offer("x3"), "offer after close");
        }).start();
        assertEquals(List.of("a", "c"), next(report, child));
        assertTrue(child.join(Duration.ofSeconds(60)), "the child did not end");
        assertEquals(OptionalInt.of(0), child.exitCode(), "put or offer after close did not throw in the child (its stderr says which)");
        assertEquals("x1", fromChild.poll());
        assertEquals("x2", fromChild.poll());
        assertNull(fromChild.poll());
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
                    throw new AssertionError(g + " failed");
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
