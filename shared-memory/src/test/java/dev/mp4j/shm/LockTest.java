package dev.mp4j.shm;

import dev.mp4j.Lock;
import dev.mp4j.SharedInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.mp4j.shm.TestSupport.async;
import static dev.mp4j.shm.TestSupport.asyncRun;
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
class LockTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    /** Whether another thread can take {@code lock} now (and gives it back if so). */
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
    void lockAndUnlock() throws Exception {
        Lock lock = SharedObjects.lock();
        assertTrue(freeForAnotherThread(lock));
        lock.lock();
        assertFalse(freeForAnotherThread(lock));
        lock.unlock();
        assertTrue(freeForAnotherThread(lock));
        assertTrue(lock.tryLock());
        lock.unlock();
        assertTrue(freeForAnotherThread(lock));
    }

    @Test
    void unlockWhenUnlockedThrows() {
        Lock lock = SharedObjects.lock();
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
        // and did not corrupt anything
        assertTrue(lock.tryLock());
        lock.unlock();
    }

    @Test
    void unlockFromAnotherThreadThrowsAndKeepsTheLockHeld() throws Exception {
        Lock lock = SharedObjects.lock();
        lock.lock();
        try {
            Throwable t = failure(asyncRun(lock::unlock), LONG);
            assertInstanceOf(IllegalMonitorStateException.class, t);
            assertFalse(freeForAnotherThread(lock), "a refused unlock must leave the lock held");
        } finally {
            lock.unlock();
        }
    }

    @Test
    void lockTwiceBySameThreadIsRefusedAsNotReentrant() {
        Lock lock = SharedObjects.lock();
        lock.lock();
        try {
            IllegalMonitorStateException e = assertThrows(IllegalMonitorStateException.class, lock::lock);
            assertTrue(e.getMessage().contains("not reentrant"), e.getMessage());
            IllegalMonitorStateException e2 = assertThrows(IllegalMonitorStateException.class,
                    lock::lockInterruptibly);
            assertTrue(e2.getMessage().contains("not reentrant"), e2.getMessage());
            assertThrows(IllegalMonitorStateException.class, lock::hold);
        } finally {
            lock.unlock();
        }
        // still held exactly once: one unlock freed it
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
    }

    @Test
    void tryLockByHolderReturnsFalseAtOnce() throws Exception {
        Lock lock = SharedObjects.lock();
        lock.lock();
        try {
            assertFalse(lock.tryLock());
            long start = System.nanoTime();
            assertFalse(lock.tryLock(5, TimeUnit.SECONDS));
            assertTrue(millisSince(start) < slack(1_000), "tryLock(time) by the holder must return false at once");
        } finally {
            lock.unlock();
        }
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
    }

    @Test
    void timedTryLockWhileAnotherThreadHoldsHonoursTheTimeout() throws Exception {
        Lock lock = SharedObjects.lock();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = asyncRun(() -> {
            lock.lock();
            held.countDown();
            release.await();
            lock.unlock();
        });
        assertTrue(held.await(10, TimeUnit.SECONDS));
        try {
            long start = System.nanoTime();
            assertFalse(lock.tryLock(200, TimeUnit.MILLISECONDS));
            long ms = millisSince(start);
            assertTrue(ms >= 200, "returned false early, after " + ms + " ms");
            assertTrue(ms < slack(2_000), "took " + ms + " ms");
            assertFalse(lock.tryLock(0, TimeUnit.MILLISECONDS));
            assertFalse(lock.tryLock(-5, TimeUnit.MILLISECONDS));
        } finally {
            release.countDown();
        }
        get(holder, LONG);
        long start = System.nanoTime();
        assertTrue(lock.tryLock(5, TimeUnit.SECONDS));
        assertTrue(millisSince(start) < slack(1_000));
        lock.unlock();
    }

    @Test
    void timedTryLockSucceedsWhenReleasedDuringTheWait() throws Exception {
        Lock lock = SharedObjects.lock();
        CountDownLatch held = new CountDownLatch(1);
        CompletableFuture<Void> holder = asyncRun(() -> {
            lock.lock();
            held.countDown();
            Thread.sleep(150);
            lock.unlock();
        });
        assertTrue(held.await(10, TimeUnit.SECONDS));
        long start = System.nanoTime();
        assertTrue(lock.tryLock(5, TimeUnit.SECONDS));
        long ms = millisSince(start);
        assertTrue(ms >= 100 && ms < slack(2_000), "acquired after " + ms + " ms");
        lock.unlock();
        get(holder, LONG);
    }

    @Test
    void tryLockNullUnitThrowsNpe() {
        Lock lock = SharedObjects.lock();
        assertThrows(NullPointerException.class, () -> lock.tryLock(1, null));
    }

    @Test
    void holdInTryWithResourcesUnlocks() throws Exception {
        Lock lock = SharedObjects.lock();
        try (Lock.Held h = lock.hold()) {
            assertFalse(freeForAnotherThread(lock));
        }
        assertTrue(freeForAnotherThread(lock));

        Lock.Held h = lock.hold();
        h.close();
        h.close(); // second close does nothing, in particular no IMSE
        assertTrue(freeForAnotherThread(lock));

        RuntimeException boom = assertThrows(RuntimeException.class, () -> {
            try (Lock.Held ignored = lock.hold()) {
                throw new RuntimeException("boom");
            }
        });
        assertEquals("boom", boom.getMessage());
        assertTrue(freeForAnotherThread(lock), "an exception in the block must still unlock");
    }

    @Test
    void lockInterruptiblyInterruptedWhileWaitingThrows() throws Exception {
        Lock lock = SharedObjects.lock();
        lock.lock();
        try {
            CountDownLatch started = new CountDownLatch(1);
            Thread[] waiter = new Thread[1];
            CompletableFuture<Void> f = asyncRun(() -> {
                waiter[0] = Thread.currentThread();
                started.countDown();
                lock.lockInterruptibly();
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Thread.sleep(100);
            assertFalse(f.isDone(), "lockInterruptibly returned while the lock was held");
            waiter[0].interrupt();
            assertInstanceOf(InterruptedException.class, failure(f, LONG));
        } finally {
            lock.unlock();
        }
        assertTrue(freeForAnotherThread(lock), "the interrupted waiter must not have acquired the lock");
    }

    @Test
    void lockInterruptiblyWithInterruptStatusSetThrowsAtOnce() {
        Lock lock = SharedObjects.lock();
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, lock::lockInterruptibly);
            assertFalse(Thread.interrupted(), "the interrupt status is cleared by the throw");
        } finally {
            Thread.interrupted();
        }
        assertThrows(IllegalMonitorStateException.class, lock::unlock, "the lock must not have been taken");
    }

    @Test
    void lockIgnoresInterruptButKeepsTheStatus() throws Exception {
        Lock lock = SharedObjects.lock();
        lock.lock();
        CountDownLatch started = new CountDownLatch(1);
        Thread[] waiter = new Thread[1];
        CompletableFuture<Boolean> f = async(() -> {
            waiter[0] = Thread.currentThread();
            started.countDown();
            lock.lock();
            boolean interrupted = Thread.interrupted();
            lock.unlock();
            return interrupted;
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Thread.sleep(50);
        waiter[0].interrupt();
        Thread.sleep(100);
        assertFalse(f.isDone(), "lock() must not give up on interrupt");
        lock.unlock();
        assertTrue(get(f, LONG), "lock() must return with the interrupt status still set");
    }

    @Test
    void aLiveThreadThatEndsHoldingTheLockKeepsIt() throws Exception {
        Lock lock = SharedObjects.lock();
        get(asyncRun(lock::lock), LONG);
        long start = System.nanoTime();
        assertFalse(lock.tryLock(100, TimeUnit.MILLISECONDS));
        assertTrue(millisSince(start) >= 100);
    }

    @Test
    void fourThreadsLockedPlainIncrementsAreExact() throws Exception {
        Lock lock = SharedObjects.lock();
        SharedInt counter = SharedObjects.sharedInt(0);
        int threads = 4;
        int perThread = 20_000;
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            fs.add(asyncRun(() -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                    lock.lock();
                    try {
                        counter.set(counter.get() + 1); // not atomic: only the lock makes it exact
                    } finally {
                        lock.unlock();
                    }
                }
            }));
        }
        go.countDown();
        for (CompletableFuture<Void> f : fs) {
            get(f, Duration.ofSeconds(25));
        }
        assertEquals(threads * perThread, counter.get());
        assertTrue(freeForAnotherThread(lock));
    }

    @Test
    void toStringTellsTheState() throws Exception {
        Lock lock = SharedObjects.lock();
        assertTrue(lock.toString().contains("unlocked"), lock.toString());
        lock.lock();
        try {
            assertTrue(lock.toString().contains("held by the current thread"), lock.toString());
            String other = get(async(lock::toString), LONG);
            assertTrue(other.contains("locked") && !other.contains("unlocked") && !other.contains("current"), other);
        } finally {
            lock.unlock();
        }
    }
}
