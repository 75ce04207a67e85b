package dev.mp4j.shm;

import dev.mp4j.Lock;
import dev.mp4j.RLock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
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
class RLockTest {
    private static final Duration LONG = Duration.ofSeconds(10);

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
    void holdCountGrowsAndShrinks() throws Exception {
        RLock lock = SharedObjects.rlock();
        assertEquals(0, lock.holdCount());
        assertFalse(lock.isHeldByCurrentThread());

        lock.lock();
        assertEquals(1, lock.holdCount());
        assertTrue(lock.isHeldByCurrentThread());
        lock.lock();
        assertEquals(2, lock.holdCount());
        assertTrue(lock.tryLock());
        assertEquals(3, lock.holdCount());
        assertTrue(lock.tryLock(1, TimeUnit.MILLISECONDS));
        assertEquals(4, lock.holdCount());
        try (Lock.Held h = lock.hold()) {
            assertEquals(5, lock.holdCount());
        }
        assertEquals(4, lock.holdCount());

        lock.unlock();
        lock.unlock();
        lock.unlock();
        assertEquals(1, lock.holdCount());
        assertTrue(lock.isHeldByCurrentThread());
        assertFalse(freeForAnotherThread(lock), "still held once");

        lock.unlock();
        assertEquals(0, lock.holdCount());
        assertFalse(lock.isHeldByCurrentThread());
        assertTrue(freeForAnotherThread(lock));
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
        assertEquals(0, lock.holdCount());
    }

    @Test
    void lockInterruptiblyIsReentrantToo() throws Exception {
        RLock lock = SharedObjects.rlock();
        lock.lockInterruptibly();
        lock.lockInterruptibly();
        assertEquals(2, lock.holdCount());
        lock.unlock();
        lock.unlock();
        assertEquals(0, lock.holdCount());
    }

    @Test
    void otherThreadsSeeNoHoldsAndCannotUnlock() throws Exception {
        RLock lock = SharedObjects.rlock();
        lock.lock();
        lock.lock();
        try {
            assertEquals(0, get(async(lock::holdCount), LONG));
            assertFalse(get(async(lock::isHeldByCurrentThread), LONG));
            Throwable t = failure(asyncRun(lock::unlock), LONG);
            assertInstanceOf(IllegalMonitorStateException.class, t);
            assertEquals(2, lock.holdCount(), "a refused unlock must not change the hold count");
        } finally {
            lock.unlock();
            lock.unlock();
        }
        assertTrue(freeForAnotherThread(lock));
    }

    @Test
    void timedTryLockWhileAnotherThreadHoldsHonoursTheTimeout() throws Exception {
        RLock lock = SharedObjects.rlock();
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
            assertTrue(ms >= 200 && ms < slack(2_000), "returned after " + ms + " ms");
            assertEquals(0, lock.holdCount());
        } finally {
            release.countDown();
        }
        get(holder, LONG);
    }

    @Test
    void lockAfterAnotherThreadReleasedStartsAtOne() throws Exception {
        RLock lock = SharedObjects.rlock();
        get(asyncRun(() -> {
            lock.lock();
            lock.lock();
            lock.lock();
            lock.unlock();
            lock.unlock();
            lock.unlock();
        }), LONG);
        lock.lock();
        assertEquals(1, lock.holdCount());
        lock.unlock();
        assertEquals(0, lock.holdCount());
    }
}
