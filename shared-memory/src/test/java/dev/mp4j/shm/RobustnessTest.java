package dev.mp4j.shm;

import dev.mp4j.Barrier;
import dev.mp4j.Condition;
import dev.mp4j.Event;
import dev.mp4j.Lock;
import dev.mp4j.RLock;
import dev.mp4j.Semaphore;
import dev.mp4j.SharedInt;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.mp4j.shm.TestSupport.async;
import static dev.mp4j.shm.TestSupport.awaitSleepers;
import static dev.mp4j.shm.TestSupport.awaitTrue;
import static dev.mp4j.shm.TestSupport.failure;
import static dev.mp4j.shm.TestSupport.get;
import static dev.mp4j.shm.TestSupport.millisSince;
import static dev.mp4j.shm.TestSupport.slack;
import static dev.mp4j.shm.TestSupport.toBase64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a real second JVM holds is recovered when it is killed with SIGKILL: the lock passes on, permits
 * come back, and parties waiting at a barrier learn that it broke.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RobustnessTest {
    private static final Duration READY = Duration.ofSeconds(20);
    private static final Duration LONG = Duration.ofSeconds(10);

    @BeforeAll
    static void joinTree() {
        SharedObjects.joinTree();
    }

    private static boolean freeForAnotherThread(Lock lock) throws Exception {
        return get(async(() -> {
            if (lock.tryLock()) {
                lock.unlock();
                return true;
            }
            return false;
        }), LONG);
    }

    @Test
    void lockOfAKilledHolderIsTakenOver() throws Exception {
        Lock lock = SharedObjects.lock();
        try (Child child = Child.inTree("lock", toBase64(lock))) {
            child.expect("READY", READY);
            assertFalse(lock.tryLock(), "the child holds the lock");
            long start = System.nanoTime();
            assertFalse(lock.tryLock(100, TimeUnit.MILLISECONDS), "a live holder keeps the lock");
            assertTrue(millisSince(start) >= 100);
            IllegalMonitorStateException e = assertThrows(IllegalMonitorStateException.class, lock::unlock);
            assertTrue(e.getMessage().contains("process " + child.pid()), e.getMessage());

            child.kill();
            start = System.nanoTime();
            assertTrue(lock.tryLock(slack(2_000), TimeUnit.MILLISECONDS), "the lock of a killed holder must be taken over");
            long ms = millisSince(start);
            assertTrue(ms < slack(1_000), "take-over took " + ms + " ms");
            try {
                assertFalse(freeForAnotherThread(lock), "now held by this thread");
            } finally {
                lock.unlock();
            }
            assertTrue(freeForAnotherThread(lock));
            assertEquals("", child.stderr());
        }
    }

    /** The holder dies while another process's thread already sleeps waiting: the sleeper takes the lock over. */
    @Test
    void aWaiterAsleepWhenTheHolderIsKilledTakesTheLockOver() throws Exception {
        Lock lock = SharedObjects.lock();
        try (Child child = Child.inTree("lock", toBase64(lock))) {
            child.expect("READY", READY);
            CompletableFuture<Boolean> waiter = async(() -> {
                boolean got = lock.tryLock(60, TimeUnit.SECONDS);
                if (got) {
                    lock.unlock();
                }
                return got;
            });
            awaitSleepers(lock, 1);
            child.kill();
            assertTrue(get(waiter, slack(Duration.ofSeconds(2))), "the sleeping waiter must take the lock over");
            assertTrue(freeForAnotherThread(lock));
        }
    }

    /** The holder of the only permit dies while another process's thread sleeps in acquire: the permit reaches it. */
    @Test
    void aWaiterAsleepWhenThePermitHolderIsKilledGetsThePermit() throws Exception {
        Semaphore s = SharedObjects.semaphore(1);
        try (Child child = Child.inTree("semaphore", toBase64(s), "1")) {
            child.expect("READY", READY);
            CompletableFuture<Boolean> waiter = async(() -> s.tryAcquire(Duration.ofSeconds(60)));
            awaitSleepers(s, 1);
            child.kill();
            assertTrue(get(waiter, slack(Duration.ofSeconds(2))), "the sleeping waiter must get the permit");
            assertEquals(0, s.availablePermits(), "exactly one permit came back, and the waiter took it");
            s.release();
        }
    }

    @Test
    void rlockOfAKilledHolderIsTakenOverWithHoldCountOne() throws Exception {
        RLock lock = SharedObjects.rlock();
        try (Child child = Child.inTree("rlock-twice", toBase64(lock))) {
            assertEquals("HOLDS 2", child.nextLine(READY));
            child.expect("READY", READY);
            assertFalse(lock.tryLock());
            assertEquals(0, lock.holdCount());
            child.kill();
            long start = System.nanoTime();
            assertTrue(lock.tryLock(slack(2_000), TimeUnit.MILLISECONDS));
            assertTrue(millisSince(start) < slack(1_000), "take-over took " + millisSince(start) + " ms");
            assertEquals(1, lock.holdCount(), "the new owner holds the lock once");
            lock.unlock();
            assertEquals(0, lock.holdCount());
            assertTrue(freeForAnotherThread(lock));
            assertEquals("", child.stderr());
        }
    }

    @Test
    void permitsOfAKilledHolderComeBack() throws Exception {
        Semaphore s = SharedObjects.semaphore(1);
        try (Child child = Child.inTree("semaphore", toBase64(s), "1")) {
            child.expect("READY", READY);
            assertEquals(0, s.availablePermits());
            long start = System.nanoTime();
            assertFalse(s.tryAcquire(Duration.ofMillis(100)), "a live holder keeps its permit");
            assertTrue(millisSince(start) >= 100);
            child.kill();
            start = System.nanoTime();
            assertTrue(s.tryAcquire(slack(Duration.ofSeconds(2))), "the permit of a killed holder must come back");
            long ms = millisSince(start);
            assertTrue(ms < slack(1_000), "recovery took " + ms + " ms");
            assertEquals(0, s.availablePermits(), "exactly one permit came back, and we took it");
            s.release();
            assertEquals(1, s.availablePermits());
            assertEquals("", child.stderr());
        }
    }

    @Test
    void boundedSemaphoreRecoveryNeverExceedsTheBound() throws Exception {
        Semaphore s = SharedObjects.boundedSemaphore(3);
        try (Child child = Child.inTree("semaphore", toBase64(s), "2")) {
            child.expect("READY", READY);
            assertEquals(1, s.availablePermits());
            assertTrue(s.tryAcquire());
            child.kill();
            assertTrue(s.tryAcquire(slack(Duration.ofSeconds(2))));
            // 2 came back; we hold 2 of 3
            assertEquals(1, s.availablePermits());
            s.release();
            s.release();
            assertEquals(3, s.availablePermits());
            assertThrows(IllegalStateException.class, s::release);
            assertEquals(3, s.availablePermits());
            assertEquals("", child.stderr());
        }
    }

    @Test
    void aKilledPartyBreaksTheBarrierForTheOthers() throws Exception {
        Barrier b = SharedObjects.barrier(3, null, null);
        try (Child child = Child.inTree("barrier", toBase64(b))) {
            child.expect("READY", READY);
            assertEquals(1, b.numberWaiting(), "the child is waiting at the barrier");
            CompletableFuture<Integer> waiter = async(() -> b.await(Duration.ofSeconds(20)));
            awaitTrue(() -> b.numberWaiting() == 2, LONG, "the second party");
            Thread.sleep(50);
            assertFalse(waiter.isDone());
            child.kill();
            long start = System.nanoTime();
            Throwable t = failure(waiter, slack(Duration.ofSeconds(2)));
            assertInstanceOf(BrokenBarrierException.class, t);
            assertTrue(millisSince(start) < slack(2_000));
            assertTrue(b.isBroken());
            b.reset();
            assertFalse(b.isBroken());
            assertEquals(0, b.numberWaiting());
            assertEquals("", child.stderr());
        }
    }

    @Test
    void lockedIncrementsFromTwoJvmsAreExact() throws Exception {
        Lock lock = SharedObjects.lock();
        SharedInt counter = SharedObjects.sharedInt(0);
        int n = 20_000;
        try (Child child = Child.inTree("increment", toBase64(lock), toBase64(counter), Integer.toString(n))) {
            child.expect("READY", READY);
            for (int i = 0; i < n; i++) {
                lock.lock();
                try {
                    counter.set(counter.get() + 1);
                } finally {
                    lock.unlock();
                }
            }
            child.expect("DONE", Duration.ofSeconds(30));
            assertEquals(0, child.waitExit(LONG));
            assertEquals(2 * n, counter.get());
            assertEquals("", child.stderr());
        }
    }

    @Test
    void aValueSentToAnotherJvmActsOnTheSameMemory() throws Exception {
        SharedInt v = SharedObjects.sharedInt(41);
        try (Child child = Child.inTree("attach-value", toBase64(v))) {
            assertEquals("VALUE 41", child.nextLine(READY));
            child.expect("READY", READY);
            assertEquals(0, child.waitExit(LONG));
            assertEquals(42, v.get());
            assertEquals("", child.stderr());
        }
    }

    @Test
    void setThenClearWakesAWaiterInAnotherJvm() throws Exception {
        Event e = SharedObjects.event();
        try (Child child = Child.inTree("event-await", toBase64(e))) {
            child.expect("READY", READY);
            awaitSleepers(e, 1);
            e.set();
            e.clear();
            assertEquals("AWAKE true", child.nextLine(slack(Duration.ofSeconds(2))));
            assertEquals(0, child.waitExit(LONG));
            assertEquals("", child.stderr());
        }
    }

    @Test
    void aSignalReachesAWaiterInAnotherJvm() throws Exception {
        Condition c = SharedObjects.condition();
        try (Child child = Child.inTree("condition-wait", toBase64(c))) {
            child.expect("WAITING", READY);
            // the lock is free only once the child released it inside await
            assertTrue(c.lock().tryLock(10, TimeUnit.SECONDS));
            try {
                c.signal();
            } finally {
                c.lock().unlock();
            }
            assertEquals("SIGNALLED true", child.nextLine(slack(Duration.ofSeconds(2))));
            assertEquals(0, child.waitExit(LONG));
            assertEquals("", child.stderr());
        }
    }

    @Test
    void aSignalSkipsTheWaiterOfAKilledProcess() throws Exception {
        Condition c = SharedObjects.condition();
        try (Child child = Child.inTree("condition-wait", toBase64(c))) {
            child.expect("WAITING", READY);
            assertTrue(c.lock().tryLock(10, TimeUnit.SECONDS), "the child waits, with the lock released");
            c.lock().unlock();
            child.kill();
            AtomicBoolean waiting = new AtomicBoolean();
            CompletableFuture<Boolean> local = async(() -> {
                c.lock().lock();
                try {
                    waiting.set(true);
                    return c.await(20, TimeUnit.SECONDS);
                } finally {
                    c.lock().unlock();
                }
            });
            awaitTrue(waiting::get, LONG, "the local waiter");
            c.lock().lock(); // the local waiter is inside await once we hold the lock
            try {
                c.signal();
            } finally {
                c.lock().unlock();
            }
            assertTrue(get(local, slack(Duration.ofSeconds(2))),
                    "the signal must go to the live waiter, not to the longer-waiting dead one");
            assertEquals("", child.stderr());
        }
    }
}
