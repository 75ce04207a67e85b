package dev.mp4j.shm;

import dev.mp4j.Event;

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
import static dev.mp4j.shm.TestSupport.awaitSleepers;
import static dev.mp4j.shm.TestSupport.failure;
import static dev.mp4j.shm.TestSupport.get;
import static dev.mp4j.shm.TestSupport.millisSince;
import static dev.mp4j.shm.TestSupport.slack;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    @Test
    void setClearIsSet() throws Exception {
        Event e = SharedObjects.event();
        assertFalse(e.isSet(), "an event starts cleared");
        e.set();
        assertTrue(e.isSet());
        e.set(); // idempotent
        assertTrue(e.isSet());
        long start = System.nanoTime();
        assertTrue(e.await(Duration.ofSeconds(5)));
        e.await();
        assertTrue(e.await(Duration.ZERO));
        assertTrue(millisSince(start) < slack(1_000), "await on a set event must return at once");
        e.clear();
        assertFalse(e.isSet());
        e.clear();
        assertFalse(e.isSet());
        assertFalse(e.await(Duration.ZERO));
    }

    @Test
    void awaitTimeoutIsHonouredAndReturnsFalse() throws Exception {
        Event e = SharedObjects.event();
        long start = System.nanoTime();
        assertFalse(e.await(Duration.ofMillis(200)));
        long ms = millisSince(start);
        assertTrue(ms >= 200, "returned early, after " + ms + " ms");
        assertTrue(ms < slack(2_000), "took " + ms + " ms");
        assertFalse(e.await(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> e.await(null));
    }

    @Test
    void setWakesWaitersInOtherThreads() throws Exception {
        Event e = SharedObjects.event();
        CountDownLatch started = new CountDownLatch(3);
        List<CompletableFuture<Boolean>> waiters = new ArrayList<>();
        waiters.add(async(() -> {
            started.countDown();
            e.await();
            return true;
        }));
        for (int i = 0; i < 2; i++) {
            waiters.add(async(() -> {
                started.countDown();
                return e.await(Duration.ofSeconds(20));
            }));
        }
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Thread.sleep(100);
        for (CompletableFuture<Boolean> w : waiters) {
            assertFalse(w.isDone(), "a waiter returned before set()");
        }
        long start = System.nanoTime();
        e.set();
        for (CompletableFuture<Boolean> w : waiters) {
            assertTrue(get(w, LONG));
        }
        assertTrue(millisSince(start) < slack(2_000));
    }

    @Test
    void setThenClearAtOnceStillWakesAThreadAlreadyWaiting() throws Exception {
        Event e = SharedObjects.event();
        CountDownLatch started = new CountDownLatch(2);
        CompletableFuture<Boolean> timed = async(() -> {
            started.countDown();
            return e.await(Duration.ofSeconds(20));
        });
        CompletableFuture<Void> untimed = asyncRun(() -> {
            started.countDown();
            e.await();
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        // both asleep in await: the state where a set that is cleared at once could be missed
        awaitSleepers(e, 2);
        assertFalse(timed.isDone());
        assertFalse(untimed.isDone());
        e.set();
        e.clear();
        assertFalse(e.isSet());
        assertTrue(get(timed, slack(Duration.ofSeconds(2))), "a set() followed by clear() must still release the waiter");
        get(untimed, slack(Duration.ofSeconds(2)));
        // a waiter arriving after the clear waits for the next set
        long start = System.nanoTime();
        assertFalse(e.await(Duration.ofMillis(100)));
        assertTrue(millisSince(start) >= 100);
    }

    @Test
    void awaitIsInterruptible() throws Exception {
        Event e = SharedObjects.event();
        Thread[] waiter = new Thread[1];
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Void> f = asyncRun(() -> {
            waiter[0] = Thread.currentThread();
            started.countDown();
            e.await();
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Thread.sleep(50);
        waiter[0].interrupt();
        assertInstanceOf(InterruptedException.class, failure(f, LONG));

        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> e.await(Duration.ofSeconds(1)));
        } finally {
            Thread.interrupted();
        }
    }
}
