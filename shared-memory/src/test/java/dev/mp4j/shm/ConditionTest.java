package dev.mp4j.shm;

import dev.mp4j.Condition;
import dev.mp4j.Lock;
import dev.mp4j.RLock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import static dev.mp4j.shm.TestSupport.async;
import static dev.mp4j.shm.TestSupport.asyncRun;
import static dev.mp4j.shm.TestSupport.awaitTrue;
import static dev.mp4j.shm.TestSupport.failure;
import static dev.mp4j.shm.TestSupport.get;
import static dev.mp4j.shm.TestSupport.millisSince;
import static dev.mp4j.shm.TestSupport.slack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConditionTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    @Test
    void awaitAndSignalWithoutTheLockThrow() throws Exception {
        Condition c = SharedObjects.condition();
        assertThrows(IllegalMonitorStateException.class, c::await);
        assertThrows(IllegalMonitorStateException.class, c::awaitUninterruptibly);
        assertThrows(IllegalMonitorStateException.class, () -> c.await(10, TimeUnit.MILLISECONDS));
        assertThrows(IllegalMonitorStateException.class, () -> c.awaitNanos(1_000));
        assertThrows(IllegalMonitorStateException.class, () -> c.waitFor(() -> false, Duration.ofMillis(10)));
        assertThrows(IllegalMonitorStateException.class, c::signal);
        assertThrows(IllegalMonitorStateException.class, () -> c.signal(2));
        assertThrows(IllegalMonitorStateException.class, c::signalAll);

        // held by another thread is not held by this one
        c.lock().lock();
        try {
            assertInstanceOf(IllegalMonitorStateException.class, failure(asyncRun(c::signal), LONG));
            assertInstanceOf(IllegalMonitorStateException.class, failure(asyncRun(c::await), LONG));
        } finally {
            c.lock().unlock();
        }
    }

    @Test
    void signalNegativeIsRefused() {
        Condition c = SharedObjects.condition();
        c.lock().lock();
        try {
            assertThrows(IllegalArgumentException.class, () -> c.signal(-1));
        } finally {
            c.lock().unlock();
        }
    }

    @Test
    void conditionsKnowTheirLock() {
        Condition c = SharedObjects.condition();
        assertInstanceOf(RLock.class, c.lock());
        Lock l = SharedObjects.lock();
        assertSame(l, SharedObjects.condition(l).lock());
        assertSame(l, l.newCondition().lock());
        RLock r = SharedObjects.rlock();
        assertSame(r, r.newCondition().lock());
    }

    @Test
    void signalTwoOfFiveWakesExactlyTheTwoLongestWaiting() throws Exception {
        Condition c = SharedObjects.condition();
        Lock lock = c.lock();
        AtomicInteger arrived = new AtomicInteger();
        Set<Integer> returned = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Void>> waiters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiters.add(asyncRun(() -> {
                lock.lock();
                try {
                    int me = arrived.getAndIncrement();
                    c.await();
                    returned.add(me);
                } finally {
                    lock.unlock();
                }
            }));
            // one at a time, so that arrival order is known
            int expected = i + 1;
            awaitTrue(() -> arrived.get() == expected, LONG, "waiter " + i);
        }
        lock.lock(); // once we hold it, the fifth waiter has released it inside await
        try {
            assertTrue(returned.isEmpty());
            c.signal(2);
        } finally {
            lock.unlock();
        }
        awaitTrue(() -> returned.size() >= 2, LONG, "two waiters to return");
        Thread.sleep(300);
        assertEquals(Set.of(0, 1), returned, "signal(2) must wake exactly the two longest-waiting threads");

        lock.lock();
        try {
            c.signalAll();
        } finally {
            lock.unlock();
        }
        for (CompletableFuture<Void> w : waiters) {
            get(w, LONG);
        }
        assertEquals(Set.of(0, 1, 2, 3, 4), returned);
    }

    @Test
    void signalWithNobodyWaitingIsLost() throws Exception {
        Condition c = SharedObjects.condition();
        c.lock().lock();
        try {
            c.signal();
            c.signalAll();
            long start = System.nanoTime();
            assertFalse(c.await(100, TimeUnit.MILLISECONDS), "an earlier signal must not be saved up");
            assertTrue(millisSince(start) >= 100);
        } finally {
            c.lock().unlock();
        }
    }

    @Test
    void timedAwaitReturnsFalseAfterTheTimeoutWithTheLockHeld() throws Exception {
        Condition c = SharedObjects.condition();
        RLock lock = (RLock) c.lock();
        lock.lock();
        try {
            long start = System.nanoTime();
            assertFalse(c.await(200, TimeUnit.MILLISECONDS));
            long ms = millisSince(start);
            assertTrue(ms >= 200, "returned early, after " + ms + " ms");
            assertTrue(ms < slack(2_000), "took " + ms + " ms");
            assertTrue(lock.isHeldByCurrentThread());
            assertEquals(1, lock.holdCount());

            start = System.nanoTime();
            long left = c.awaitNanos(TimeUnit.MILLISECONDS.toNanos(100));
            assertTrue(left <= 0, "awaitNanos must report no time left on timeout: " + left);
            assertTrue(millisSince(start) >= 100);

            start = System.nanoTime();
            assertFalse(c.awaitUntil(new java.util.Date(System.currentTimeMillis() + 100)));
            assertTrue(millisSince(start) >= 90); // Date has millisecond resolution only
            assertTrue(lock.isHeldByCurrentThread());
        } finally {
            lock.unlock();
        }
    }

    @Test
    void timedAwaitIsWokenBySignal() throws Exception {
        Condition c = SharedObjects.condition();
        Lock lock = c.lock();
        AtomicBoolean waiting = new AtomicBoolean();
        CompletableFuture<Boolean> w = async(() -> {
            lock.lock();
            try {
                waiting.set(true);
                return c.await(20, TimeUnit.SECONDS);
            } finally {
                lock.unlock();
            }
        });
        awaitTrue(waiting::get, LONG, "the waiter");
        lock.lock();
        long start;
        try {
            start = System.nanoTime();
            c.signal();
        } finally {
            lock.unlock();
        }
        assertTrue(get(w, LONG));
        assertTrue(millisSince(start) < slack(2_000));
    }

    @Test
    void waitForTrueAtOnceDoesNotWait() throws Exception {
        Condition c = SharedObjects.condition();
        c.lock().lock();
        try {
            long start = System.nanoTime();
            assertTrue(c.waitFor(() -> true, Duration.ofSeconds(10)));
            assertTrue(c.waitFor(() -> true, null));
            assertTrue(c.waitFor(() -> true, Duration.ZERO));
            assertTrue(millisSince(start) < slack(1_000));
            assertThrows(NullPointerException.class, () -> c.waitFor(null, Duration.ZERO));
        } finally {
            c.lock().unlock();
        }
    }

    @Test
    void waitForFalseTimesOut() throws Exception {
        Condition c = SharedObjects.condition();
        c.lock().lock();
        try {
            AtomicInteger evaluations = new AtomicInteger();
            long start = System.nanoTime();
            assertFalse(c.waitFor(() -> {
                evaluations.incrementAndGet();
                return false;
            }, Duration.ofMillis(200)));
            long ms = millisSince(start);
            assertTrue(ms >= 200 && ms < slack(2_000), "returned after " + ms + " ms");
            assertTrue(evaluations.get() >= 1);

            start = System.nanoTime();
            assertFalse(c.waitFor(() -> false, Duration.ZERO));
            assertFalse(c.waitFor(() -> false, Duration.ofMillis(-3)));
            assertTrue(millisSince(start) < slack(1_000));
        } finally {
            c.lock().unlock();
        }
    }

    @Test
    void waitForBecomesTrueWhenAnotherThreadSignals() throws Exception {
        Condition c = SharedObjects.condition();
        Lock lock = c.lock();
        AtomicInteger state = new AtomicInteger();
        AtomicBoolean predicateRanUnlocked = new AtomicBoolean();
        CompletableFuture<Boolean> w = async(() -> {
            lock.lock();
            try {
                return c.waitFor(() -> {
                    if (!((RLock) lock).isHeldByCurrentThread()) {
                        predicateRanUnlocked.set(true);
                    }
                    return state.get() == 3;
                }, Duration.ofSeconds(20));
            } finally {
                lock.unlock();
            }
        });
        for (int i = 1; i <= 3; i++) {
            Thread.sleep(30);
            lock.lock();
            try {
                state.set(i);
                c.signalAll();
            } finally {
                lock.unlock();
            }
        }
        assertTrue(get(w, LONG));
        assertFalse(predicateRanUnlocked.get(), "the predicate must always run with the lock held");
    }

    @Test
    void awaitOnAnRLockHeldTwiceReleasesFullyAndRestoresTheHoldCount() throws Exception {
        RLock lock = SharedObjects.rlock();
        Condition c = SharedObjects.condition(lock);
        AtomicBoolean waiting = new AtomicBoolean();
        CompletableFuture<int[]> w = async(() -> {
            lock.lock();
            lock.lock();
            try {
                waiting.set(true);
                boolean signalled = c.await(20, TimeUnit.SECONDS);
                return new int[] {signalled ? 1 : 0, lock.holdCount()};
            } finally {
                lock.unlock();
                lock.unlock();
            }
        });
        awaitTrue(waiting::get, LONG, "the waiter");
        // only possible if await released both holds
        assertTrue(lock.tryLock(5, TimeUnit.SECONDS), "await must release an RLock fully");
        try {
            c.signal();
        } finally {
            lock.unlock();
        }
        int[] r = get(w, LONG);
        assertEquals(1, r[0], "signalled");
        assertEquals(2, r[1], "the hold count must be restored to 2");
        assertTrue(lock.tryLock(1, TimeUnit.SECONDS), "the waiter's two unlocks freed the lock");
        lock.unlock();

        // and after a timeout too
        lock.lock();
        lock.lock();
        lock.lock();
        try {
            assertFalse(c.await(20, TimeUnit.MILLISECONDS));
            assertEquals(3, lock.holdCount());
        } finally {
            lock.unlock();
            lock.unlock();
            lock.unlock();
        }
        assertEquals(0, lock.holdCount());
    }

    @Test
    void conditionOverAPlainLockWorks() throws Exception {
        Lock lock = SharedObjects.lock();
        Condition c = lock.newCondition();
        AtomicBoolean waiting = new AtomicBoolean();
        CompletableFuture<Boolean> w = async(() -> {
            lock.lock();
            try {
                waiting.set(true);
                return c.await(20, TimeUnit.SECONDS);
            } finally {
                lock.unlock();
            }
        });
        awaitTrue(waiting::get, LONG, "the waiter");
        lock.lock();
        try {
            c.signal();
        } finally {
            lock.unlock();
        }
        assertTrue(get(w, LONG));
    }

    @Test
    void interruptedAwaitThrowsWithTheLockReacquired() throws Exception {
        Condition c = SharedObjects.condition();
        RLock lock = (RLock) c.lock();
        Thread[] waiter = new Thread[1];
        AtomicBoolean waiting = new AtomicBoolean();
        CompletableFuture<Boolean> w = async(() -> {
            lock.lock();
            try {
                waiter[0] = Thread.currentThread();
                waiting.set(true);
                c.await();
                return false;
            } catch (InterruptedException e) {
                return lock.isHeldByCurrentThread();
            } finally {
                lock.unlock();
            }
        });
        awaitTrue(waiting::get, LONG, "the waiter");
        Thread.sleep(50);
        waiter[0].interrupt();
        assertTrue(get(w, LONG), "InterruptedException must come with the lock held again");
        assertTrue(lock.tryLock());
        lock.unlock();
    }

    @Test
    void aForeignLockIsRefused() {
        ReentrantLock delegate = new ReentrantLock();
        Lock foreign = new Lock() {
            @Override
            public void lock() {
                delegate.lock();
            }

            @Override
            public void lockInterruptibly() throws InterruptedException {
                delegate.lockInterruptibly();
            }

            @Override
            public boolean tryLock() {
                return delegate.tryLock();
            }

            @Override
            public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
                return delegate.tryLock(time, unit);
            }

            @Override
            public void unlock() {
                delegate.unlock();
            }

            @Override
            public Held hold() {
                delegate.lock();
                return delegate::unlock;
            }

            @Override
            public Condition newCondition() {
                throw new UnsupportedOperationException();
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SharedObjects.condition(foreign));
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        assertThrows(NullPointerException.class, () -> SharedObjects.condition(null));
    }

    @Test
    void waitersThatTimedOutBehindALiveWaiterDoNotFillTheRing() throws Exception {
        Condition c = SharedObjects.condition();
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        Thread longWaiter = new Thread(() -> {
            c.lock().lock();
            try {
                waiting.countDown();
                c.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                c.lock().unlock();
            }
        });
        longWaiter.start();
        waiting.await();
        for (int i = 0; i < 300; i++) {
            c.lock().lock();
            try {
                assertFalse(c.await(0, TimeUnit.MILLISECONDS), "nobody signals");
            } finally {
                c.lock().unlock();
            }
        }
        c.lock().lock();
        try {
            c.signalAll();
        } finally {
            c.lock().unlock();
        }
        longWaiter.join(10_000);
        assertFalse(longWaiter.isAlive(), "the long waiter was signalled after 300 others timed out");
    }
}
