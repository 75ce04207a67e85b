package dev.mp4j.tck;

import dev.mp4j.AsyncResult;
import dev.mp4j.Lock;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Pool;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.SharedIntArray;
import dev.mp4j.SharedLong;
import dev.mp4j.SharedLongArray;
import dev.mp4j.WorkerLostException;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hardening deliverable 4, the fault suite: in loops, {@code kill -9} at random points of producers, consumers, pool
 * workers, lock holders and a queue's owner. After each kill nothing that was acknowledged is lost or duplicated,
 * nothing waits past its timeout, and the process is gone; that no shared-memory file stays is checked once the
 * test JVM ended (see {@code .ci/run}), and that no child stays, after each test ({@link TransportContract}).
 *
 * <p>The kill comes once the victim has done some of its work, after a random further delay, so that it lands
 * anywhere: in a put, in a take, inside a lock, between two of them. The points come from a seeded {@link Random};
 * a failure names the seed, and {@code -Dmp4j.test.faultSeed=N} replays it (as far as timing allows).
 */
public abstract class FaultContract extends TransportContract {
    static final int ROUNDS = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** How long a queue must stay empty before a drain counts as complete: what a killed sender sent has arrived. */
    private static final Duration QUIET = Duration.ofMillis(slack(200));
    private static final long STRIDE = 1L << 40;

    private final long seed = Long.getLong("mp4j.test.faultSeed", System.nanoTime());
    private final Random random = new Random(seed);
    private final String replay = " (seed " + seed + "; replay with -Dmp4j.test.faultSeed=" + seed + ")";

    /**
     * A producer acknowledges item {@code i} once a call that waits for the queue ({@code size()}) returned after its
     * put: from then on it must arrive, once. A single producer's items arrive in order, so every round's items are
     * exactly its first {@code n}, for an {@code n} past the last acknowledged one: no gap, no repeat, no torn item.
     */
    @Test
    void aKilledProducerLosesNoAcknowledgedItemAndRepeatsNone() throws Exception {
        Queue<Long> q = mp().queue(1000);
        SharedLongArray acked = mp().sharedLongArray(ROUNDS);
        for (int r = 0; r < ROUNDS; r++) {
            int round = r;
            acked.set(round, -1);
            Process producer = mp().process(() -> {
                for (long i = 0; ; i++) {
                    q.put(round * STRIDE + i);
                    if (i % 8 == 7) {
                        q.size();
                        acked.set(round, i);
                    }
                }
            }).name("Producer-" + round).start();
            killAtARandomPoint(producer, () -> acked.get(round) >= 0);
            long lastAcked = acked.get(round);
            List<Long> got = drain(q);
            for (int i = 0; i < got.size(); i++) {
                assertEquals(round * STRIDE + i, got.get(i), "round " + round + ": item " + i + " of " + got.size()
                        + " is out of place (lost, repeated or torn)" + replay);
            }
            assertTrue(got.size() > lastAcked, "round " + round + ": acknowledged up to item " + lastAcked + ", but only "
                    + got.size() + " arrived" + replay);
        }
    }

    /**
     * Consumers record each item they take; a killed one may have taken an item it had not recorded yet, which is
     * then lost (as with Python's queues), but no item may be taken twice, and none may stay out of reach.
     */
    @Test
    void aKilledConsumerTakesNoItemTwiceAndLosesAtMostWhatItHeld() throws Exception {
        int perRound = 3000;
        int n = perRound * ROUNDS;
        Queue<Integer> q = mp().queue();
        SharedIntArray seen = mp().sharedIntArray(n);
        SharedLong taken = mp().sharedLong(0);
        for (int r = 0; r < ROUNDS; r++) {
            // a fresh batch each round: a fast consumer may empty the queue before its kill lands
            for (int i = r * perRound; i < (r + 1) * perRound; i++) {
                q.put(i);
            }
            long before = taken.get();
            Process consumer = mp().process(() -> {
                for (;;) {
                    int i = q.take();
                    seen.incrementAndGet(i);
                    taken.incrementAndGet();
                }
            }).name("Consumer-" + r).start();
            killAtARandomPoint(consumer, () -> taken.get() > before);
        }
        List<Integer> left = drain(q);
        int[] counts = seen.toArray();
        int recorded = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(counts[i] <= 1, "item " + i + " was taken " + counts[i] + " times" + replay);
            recorded += counts[i];
        }
        for (int i : left) {
            assertEquals(0, counts[i], "item " + i + " was taken and is still in the queue" + replay);
        }
        int lost = n - recorded - left.size();
        assertTrue(lost >= 0 && lost <= ROUNDS, lost + " items were lost by " + ROUNDS + " killed consumers that took"
                + " one at a time" + replay);
    }

    /**
     * A killed worker fails with {@link WorkerLostException} the task it was running, and those it had finished whose
     * outcome had not left it yet; every task that did not begin there completes, nothing waits forever, and the pool
     * replaces the worker and goes on.
     */
    @Test
    void aKilledPoolWorkerFailsOnlyWhatItRanAndThePoolGoesOn() throws Exception {
        try (Pool pool = mp().pool(2)) {
            Queue<Long> running = mp().queue();
            for (int r = 0; r < ROUNDS; r++) {
                List<AsyncResult<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    int task = i;
                    int millis = random.nextInt(40);
                    results.add(pool.applyAsync(() -> {
                        running.put(ProcessHandle.current().pid());
                        running.size(); // waits for the queue: the pid is there before the task goes on
                        Thread.sleep(millis);
                        return task;
                    }));
                }
                Long firstRan = running.poll(PATIENCE);
                assertNotNull(firstRan, "no task ran" + replay);
                Long victim = firstRan;
                List<Long> ranBefore = new ArrayList<>();
                for (int skip = random.nextInt(6); skip > 0; skip--) {
                    Long next = running.poll(Duration.ofMillis(100));
                    if (next != null) {
                        ranBefore.add(next);
                        victim = next;
                    }
                }
                long pid = victim;
                // only a worker of this pool, alive now: a pid that ended may have been given to another process
                if (Multiprocessing.activeChildren().stream().anyMatch(c -> c.pid() == pid)) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
                int lost = 0;
                for (int i = 0; i < results.size(); i++) {
                    try {
                        assertEquals(i, results.get(i).get(PATIENCE.toSeconds(), TimeUnit.SECONDS), replay);
                    } catch (ExecutionException e) {
                        assertInstanceOf(WorkerLostException.class, e.getCause(), replay);
                        lost++;
                    } catch (java.util.concurrent.TimeoutException e) {
                        fail("round " + r + ": task " + i + " had no outcome within " + PATIENCE.toSeconds() + " s"
                                + replay);
                    }
                }
                int ranThere = victim.equals(firstRan) ? 1 : 0;
                for (Long ran : ranBefore) {
                    ranThere += ran.equals(victim) ? 1 : 0;
                }
                for (Long ran = running.poll(); ran != null; ran = running.poll()) {
                    ranThere += ran.equals(victim) ? 1 : 0;
                }
                // the task it was running, and those it had finished whose outcome it had not yet got out
                assertTrue(lost <= ranThere, "round " + r + ": " + lost + " tasks failed, but only " + ranThere
                        + " began in the killed worker" + replay);
                assertTrue(goneWithin(victim, slack(Duration.ofSeconds(5))), "the killed worker " + victim + " lingers");
            }
            assertEquals(7, pool.apply(() -> 7), "the pool goes on" + replay);
        }
    }

    /** A lock whose holder is killed at any point (inside, acquiring, releasing) is taken over by the next one. */
    @Test
    void aLockWhoseHolderIsKilledAnywhereIsTakenOver() throws Exception {
        Lock lock = mp().lock();
        SharedLong rounds = mp().sharedLong(0);
        for (int r = 0; r < ROUNDS; r++) {
            long before = rounds.get();
            Process holder = mp().process(() -> {
                for (;;) {
                    lock.lock();
                    try {
                        rounds.incrementAndGet();
                    } finally {
                        lock.unlock();
                    }
                }
            }).name("Holder-" + r).start();
            killAtARandomPoint(holder, () -> rounds.get() > before);
            assertTrue(lock.tryLock(PATIENCE.toSeconds(), TimeUnit.SECONDS), "round " + r
                    + ": the lock was not taken over from its killed holder" + replay);
            lock.unlock();
        }
    }

    /**
     * A queue whose owner is killed: a call on it ends within its timeout, whatever the transport does with the items
     * (a process that served them is gone with them; a transport that keeps them keeps them), and fails, if it fails,
     * with an exception that says so.
     */
    @Test
    void callsOnAQueueWhoseOwnerIsKilledEndInTime() throws Exception {
        Queue<Queue<String>> handoff = mp().queue();
        Process owner = mp().process(() -> {
            Queue<String> q = Multiprocessing.context().queue();
            q.put("before");
            handoff.put(q);
            Thread.sleep(60_000);
        }).name("Owner").start();
        Queue<String> q = handoff.poll(PATIENCE);
        assertNotNull(q, "the owner did not hand over its queue");
        assertEquals("before", q.poll(PATIENCE));
        owner.kill();
        assertTrue(owner.join(PATIENCE));
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            try {
                q.put("after");
                q.poll(Duration.ofMillis(200));
            } catch (RuntimeException e) {
                assertNotNull(e.getMessage(), "a failure must say why");
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < slack(10_000), "a call on a queue whose owner is dead took " + ms + " ms");
        }
    }

    /**
     * Waits until the victim has done some of its work, then a random 0–30 ms more, then kills it and waits until it
     * is gone.
     */
    private void killAtARandomPoint(Process victim, BooleanSupplier started) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!started.getAsBoolean()) {
            if (!victim.isAlive()) {
                fail(victim.name() + " ended before it did anything, exit code " + victim.exitCode() + replay);
            }
            if (System.nanoTime() > deadline) {
                victim.kill();
                fail(victim.name() + " did nothing within " + PATIENCE.toSeconds() + " s" + replay);
            }
            Thread.sleep(1);
        }
        Thread.sleep(random.nextInt(31));
        victim.kill();
        assertTrue(victim.join(PATIENCE), victim.name() + " outlived its kill");
        assertTrue(goneWithin(victim.pid(), slack(Duration.ofSeconds(5))), victim.name() + " lingers");
    }

    /** @return every item until the queue stayed empty for {@link #QUIET} */
    private static <T> List<T> drain(Queue<T> q) throws InterruptedException {
        List<T> items = new ArrayList<>();
        for (T item = q.poll(QUIET); item != null; item = q.poll(QUIET)) {
            items.add(item);
        }
        return items;
    }
}
