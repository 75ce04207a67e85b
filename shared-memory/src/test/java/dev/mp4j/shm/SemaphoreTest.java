package dev.mp4j.shm;

import dev.mp4j.Semaphore;

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
class SemaphoreTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    @Test
    void countsPermits() throws Exception {
        Semaphore s = SharedObjects.semaphore(3);
        assertEquals(3, s.availablePermits());
        assertTrue(s.tryAcquire());
        assertEquals(2, s.availablePermits());
        s.acquire();
        assertEquals(1, s.availablePermits());
        assertTrue(s.tryAcquire(Duration.ofMillis(10)));
        assertEquals(0, s.availablePermits());
        assertFalse(s.tryAcquire());
        assertEquals(0, s.availablePermits());
        s.release();
        assertEquals(1, s.availablePermits());
        s.release();
        s.release();
        assertEquals(3, s.availablePermits());
        // an unbounded semaphore may go above its initial permits
        s.release();
        assertEquals(4, s.availablePermits());
    }

    @Test
    void zeroPermitsIsAllowed() {
        Semaphore s = SharedObjects.semaphore(0);
        assertEquals(0, s.availablePermits());
        assertFalse(s.tryAcquire());
        s.release();
        assertEquals(1, s.availablePermits());
        assertTrue(s.tryAcquire());
    }

    @Test
    void timedTryAcquireHonoursTheTimeout() throws Exception {
        Semaphore s = SharedObjects.semaphore(0);
        long start = System.nanoTime();
        assertFalse(s.tryAcquire(Duration.ofMillis(200)));
        long ms = millisSince(start);
        assertTrue(ms >= 200, "returned false early, after " + ms + " ms");
        assertTrue(ms < slack(2_000), "took " + ms + " ms");
        assertEquals(0, s.availablePermits());

        start = System.nanoTime();
        assertFalse(s.tryAcquire(Duration.ZERO));
        assertFalse(s.tryAcquire(Duration.ofMillis(-5)));
        assertTrue(millisSince(start) < slack(1_000));
        assertThrows(NullPointerException.class, () -> s.tryAcquire(null));
    }

    @Test
    void boundedSemaphoreRefusesReleaseAboveInitial() throws Exception {
        Semaphore s = SharedObjects.boundedSemaphore(2);
        assertEquals(2, s.availablePermits());
        IllegalStateException e = assertThrows(IllegalStateException.class, s::release);
        assertEquals(2, s.availablePermits(), "a refused release must change nothing");
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());

        assertTrue(s.tryAcquire());
        assertEquals(1, s.availablePermits());
        s.release();
        assertEquals(2, s.availablePermits());
        assertThrows(IllegalStateException.class, s::release);
        assertEquals(2, s.availablePermits());

        // a release from another thread is allowed (permits are not owned) up to the bound
        assertTrue(s.tryAcquire());
        get(asyncRun(s::release), LONG);
        assertEquals(2, s.availablePermits());
        Throwable t = failure(asyncRun(s::release), LONG);
        assertInstanceOf(IllegalStateException.class, t);
        assertEquals(2, s.availablePermits());
    }

    @Test
    void boundedZeroRefusesAnyRelease() {
        Semaphore s = SharedObjects.boundedSemaphore(0);
        assertThrows(IllegalStateException.class, s::release);
        assertEquals(0, s.availablePermits());
    }

    @Test
    void negativePermitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.semaphore(-1));
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.boundedSemaphore(-1));
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.semaphore(Integer.MIN_VALUE));
    }

    @Test
    void releaseAtIntegerMaxValueIsRefused() {
        Semaphore s = SharedObjects.semaphore(Integer.MAX_VALUE);
        assertThrows(IllegalStateException.class, s::release);
        assertEquals(Integer.MAX_VALUE, s.availablePermits());
    }

    @Test
    void releaseWakesAWaitingThread() throws Exception {
        Semaphore s = SharedObjects.semaphore(0);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Void> waiter = asyncRun(() -> {
            started.countDown();
            s.acquire();
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Thread.sleep(100); // not for synchronization: time for an acquire that returns without a permit to show it
        assertFalse(waiter.isDone(), "acquire returned without a permit");
        s.release();
        get(waiter, LONG);
        assertEquals(0, s.availablePermits(), "the waiter took the released permit");
    }

    @Test
    void releaseWakesATimedWaiterBeforeItsTimeout() throws Exception {
        Semaphore s = SharedObjects.semaphore(0);
        CompletableFuture<Boolean> waiter = async(() -> s.tryAcquire(Duration.ofSeconds(20)));
        Thread.sleep(50);
        long start = System.nanoTime();
        s.release();
        assertTrue(get(waiter, LONG));
        assertTrue(millisSince(start) < slack(2_000));
        assertEquals(0, s.availablePermits());
    }

    @Test
    void acquireIsInterruptible() throws Exception {
        Semaphore s = SharedObjects.semaphore(0);
        Thread[] waiter = new Thread[1];
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Void> f = asyncRun(() -> {
            waiter[0] = Thread.currentThread();
            started.countDown();
            s.acquire();
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Thread.sleep(50);
        waiter[0].interrupt();
        assertInstanceOf(InterruptedException.class, failure(f, LONG));
        s.release();
        assertEquals(1, s.availablePermits(), "the interrupted acquire took nothing");
    }

    @Test
    void manyThreadsShareThePermits() throws Exception {
        Semaphore s = SharedObjects.semaphore(2);
        java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger maxInside = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<CompletableFuture<Void>> fs = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            fs.add(asyncRun(() -> {
                for (int i = 0; i < 2_000; i++) {
                    s.acquire();
                    int n = inside.incrementAndGet();
                    maxInside.accumulateAndGet(n, Math::max);
                    inside.decrementAndGet();
                    s.release();
                }
            }));
        }
        for (CompletableFuture<Void> f : fs) {
            get(f, Duration.ofSeconds(20));
        }
        assertTrue(maxInside.get() <= 2, "more than 2 threads held a permit: " + maxInside.get());
        assertEquals(2, s.availablePermits());
    }
}
