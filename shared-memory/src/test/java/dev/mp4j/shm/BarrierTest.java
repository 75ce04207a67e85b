package dev.mp4j.shm;

import dev.mp4j.Barrier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.mp4j.shm.TestSupport.async;
import static dev.mp4j.shm.TestSupport.awaitTrue;
import static dev.mp4j.shm.TestSupport.failure;
import static dev.mp4j.shm.TestSupport.get;
import static dev.mp4j.shm.TestSupport.millisSince;
import static dev.mp4j.shm.TestSupport.slack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BarrierTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    /** Counts action runs; the action is a serializable lambda that captures nothing. */
    static final AtomicInteger ACTIONS = new AtomicInteger();
    /** What the action saw: how many parties were still waiting (not yet released) when it ran. */
    static final AtomicInteger RELEASED_BEFORE_ACTION = new AtomicInteger();
    static final AtomicInteger RETURNED = new AtomicInteger();

    private static CompletableFuture<Integer> party(Barrier b, Duration timeout) {
        return async(() -> {
            int i = timeout == null ? b.await() : b.await(timeout);
            RETURNED.incrementAndGet();
            return i;
        });
    }

    @Test
    void partiesOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.barrier(0, null, null));
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.barrier(-1, null, null));
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.barrier(257, null, null));
        assertEquals(256, SharedObjects.barrier(256, null, null).parties());
        assertEquals(1, SharedObjects.barrier(1, null, null).parties());
    }

    @Test
    void aNonSerializableActionIsRefused() {
        Object notSerializable = new Object();
        assertThrows(IllegalArgumentException.class,
                () -> SharedObjects.barrier(2, () -> notSerializable.hashCode(), null));
    }

    @Test
    void threePartiesGetDistinctIndicesOverSeveralPasses() throws Exception {
        Barrier b = SharedObjects.barrier(3, null, null);
        assertEquals(3, b.parties());
        for (int pass = 0; pass < 3; pass++) {
            List<CompletableFuture<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                fs.add(party(b, Duration.ofSeconds(20)));
            }
            Set<Integer> indices = new HashSet<>();
            for (CompletableFuture<Integer> f : fs) {
                indices.add(get(f, LONG));
            }
            assertEquals(Set.of(0, 1, 2), indices, "pass " + pass);
            assertFalse(b.isBroken());
            assertEquals(0, b.numberWaiting());
        }
    }

    @Test
    void indicesFollowArrivalOrder() throws Exception {
        Barrier b = SharedObjects.barrier(3, null, null);
        CompletableFuture<Integer> first = party(b, null);
        awaitTrue(() -> b.numberWaiting() == 1, LONG, "first arrival");
        CompletableFuture<Integer> second = party(b, null);
        awaitTrue(() -> b.numberWaiting() == 2, LONG, "second arrival");
        assertEquals(2, b.await(), "the last to arrive gets parties - 1");
        assertEquals(0, get(first, LONG));
        assertEquals(1, get(second, LONG));
    }

    @Test
    void singlePartyBarrierPassesAtOnce() throws Exception {
        Barrier b = SharedObjects.barrier(1, null, null);
        assertEquals(0, b.await());
        assertEquals(0, b.await(Duration.ZERO));
    }

    @Test
    void actionRunsOncePerPassBeforeAnyPartyIsReleased() throws Exception {
        ACTIONS.set(0);
        RETURNED.set(0);
        RELEASED_BEFORE_ACTION.set(0);
        Barrier b = SharedObjects.barrier(3, () -> {
            ACTIONS.incrementAndGet();
            RELEASED_BEFORE_ACTION.addAndGet(RETURNED.get() % 3);
            Thread.sleep(50); // gives a waiter released too early the time to show it
            RELEASED_BEFORE_ACTION.addAndGet(RETURNED.get() % 3);
        }, null);
        for (int pass = 1; pass <= 3; pass++) {
            List<CompletableFuture<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                fs.add(party(b, null));
            }
            for (CompletableFuture<Integer> f : fs) {
                get(f, LONG);
            }
            assertEquals(pass, ACTIONS.get(), "the action runs exactly once per pass");
        }
        assertEquals(0, RELEASED_BEFORE_ACTION.get(), "a party was released before the action finished");
    }

    @Test
    void aFailingActionBreaksTheBarrier() throws Exception {
        Barrier b = SharedObjects.barrier(2, () -> {
            throw new IllegalStateException("action failed");
        }, null);
        CompletableFuture<Integer> waiter = party(b, null);
        awaitTrue(() -> b.numberWaiting() == 1, LONG, "the first party");
        BrokenBarrierException last = assertThrows(BrokenBarrierException.class, b::await);
        assertInstanceOf(IllegalStateException.class, last.getCause());
        assertEquals("action failed", last.getCause().getMessage());
        assertInstanceOf(BrokenBarrierException.class, failure(waiter, LONG));
        assertTrue(b.isBroken());
    }

    @Test
    void aTimeoutBreaksTheBarrier() throws Exception {
        Barrier b = SharedObjects.barrier(3, null, null);
        CompletableFuture<Integer> patient = party(b, Duration.ofSeconds(20));
        awaitTrue(() -> b.numberWaiting() == 1, LONG, "the patient party");
        long start = System.nanoTime();
        assertThrows(TimeoutException.class, () -> b.await(Duration.ofMillis(200)));
        long ms = millisSince(start);
        assertTrue(ms >= 200 && ms < slack(2_000), "timed out after " + ms + " ms");
        assertTrue(b.isBroken());
        assertInstanceOf(BrokenBarrierException.class, failure(patient, LONG));
        assertEquals(0, b.numberWaiting());
        // later arrivals get BrokenBarrierException at once
        assertThrows(BrokenBarrierException.class, () -> b.await(Duration.ofSeconds(5)));
        assertThrows(BrokenBarrierException.class, b::await);
    }

    @Test
    void theDefaultTimeoutBreaksWithATimeoutCause() throws Exception {
        Barrier b = SharedObjects.barrier(2, null, Duration.ofMillis(150));
        long start = System.nanoTime();
        BrokenBarrierException e = assertThrows(BrokenBarrierException.class, b::await);
        assertTrue(millisSince(start) >= 150);
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(b.isBroken());
    }

    @Test
    void abortBreaksTheBarrierForWaitingParties() throws Exception {
        Barrier b = SharedObjects.barrier(3, null, null);
        CompletableFuture<Integer> p1 = party(b, Duration.ofSeconds(20));
        CompletableFuture<Integer> p2 = party(b, null);
        awaitTrue(() -> b.numberWaiting() == 2, LONG, "two parties");
        assertFalse(b.isBroken());
        b.abort();
        assertTrue(b.isBroken());
        assertInstanceOf(BrokenBarrierException.class, failure(p1, LONG));
        assertInstanceOf(BrokenBarrierException.class, failure(p2, LONG));
        assertThrows(BrokenBarrierException.class, b::await);
        assertTrue(b.isBroken(), "stays broken until reset");
    }

    @Test
    void resetMakesABrokenBarrierUsableAgain() throws Exception {
        Barrier b = SharedObjects.barrier(2, null, null);
        b.abort();
        assertTrue(b.isBroken());
        b.reset();
        assertFalse(b.isBroken());
        CompletableFuture<Integer> p = party(b, Duration.ofSeconds(20));
        assertEquals(1, b.await(Duration.ofSeconds(20)) + get(p, LONG), "indices 0 and 1");
        assertFalse(b.isBroken());
    }

    @Test
    void resetBreaksTheCurrentPassOnly() throws Exception {
        Barrier b = SharedObjects.barrier(2, null, null);
        CompletableFuture<Integer> p = party(b, Duration.ofSeconds(20));
        awaitTrue(() -> b.numberWaiting() == 1, LONG, "a party");
        b.reset();
        assertInstanceOf(BrokenBarrierException.class, failure(p, LONG));
        assertFalse(b.isBroken(), "whole again for the next pass");
        assertEquals(0, b.numberWaiting());
        CompletableFuture<Integer> q = party(b, Duration.ofSeconds(20));
        awaitTrue(() -> b.numberWaiting() == 1, LONG, "a party of the next pass");
        assertEquals(1, b.await(Duration.ofSeconds(20)));
        assertEquals(0, get(q, LONG));
    }

    @Test
    void numberWaitingCountsArrivals() throws Exception {
        Barrier b = SharedObjects.barrier(4, null, null);
        assertEquals(0, b.numberWaiting());
        List<CompletableFuture<Integer>> fs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            fs.add(party(b, Duration.ofSeconds(20)));
            int expected = i;
            awaitTrue(() -> b.numberWaiting() == expected, LONG, expected + " waiting");
        }
        Thread.sleep(50);
        assertEquals(3, b.numberWaiting());
        assertEquals(3, b.await(Duration.ofSeconds(20)));
        for (CompletableFuture<Integer> f : fs) {
            get(f, LONG);
        }
        assertEquals(0, b.numberWaiting());
    }

    @Test
    void anInterruptedPartyBreaksTheBarrier() throws Exception {
        Barrier b = SharedObjects.barrier(3, null, null);
        CompletableFuture<Integer> other = party(b, Duration.ofSeconds(20));
        awaitTrue(() -> b.numberWaiting() == 1, LONG, "the first party");
        Thread[] t = new Thread[1];
        CompletableFuture<Integer> interrupted = async(() -> {
            t[0] = Thread.currentThread();
            return b.await();
        });
        awaitTrue(() -> b.numberWaiting() == 2, LONG, "the second party");
        t[0].interrupt();
        assertInstanceOf(InterruptedException.class, failure(interrupted, LONG));
        assertInstanceOf(BrokenBarrierException.class, failure(other, LONG));
        assertTrue(b.isBroken());
    }

    @Test
    void zeroTimeoutOnANonLastPartyTimesOutAtOnce() throws Exception {
        Barrier b = SharedObjects.barrier(2, null, null);
        long start = System.nanoTime();
        assertThrows(TimeoutException.class, () -> b.await(Duration.ZERO));
        assertTrue(millisSince(start) < slack(1_000));
        assertTrue(b.isBroken());
        assertThrows(NullPointerException.class, () -> b.await(null));
    }

    /** The barrier an action may reach for: an action is serialized at creation, so it cannot capture it. */
    static volatile dev.mp4j.Barrier actionTarget;

    @Test
    void anActionMayAbortItsOwnBarrier() throws Exception {
        dev.mp4j.Barrier b = SharedObjects.barrier(1, () -> actionTarget.abort(), null);
        actionTarget = b;
        assertThrows(java.util.concurrent.BrokenBarrierException.class, b::await);
        assertTrue(b.isBroken());
        b.reset();
        dev.mp4j.Barrier other = SharedObjects.barrier(1, null, null);
        actionTarget = other;
        assertEquals(0, b.await(Duration.ofSeconds(20)), "after reset the barrier passes again");
        assertFalse(b.isBroken());
        assertTrue(other.isBroken(), "the action ran, and aborted the barrier it reached for");
    }
}
