package dev.mp4j.core.manager;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A proxy waits on a managed condition in slices, so a signal may come while the waiter is between two slices:
 * it must find the signal at its next slice, not lose it.
 */
class ServedConditionTest {
    private final ServedLock lock = new ServedLock(true);
    private final ServedCondition condition = lock.newCondition();

    private void signalFromAnotherThread() throws InterruptedException {
        Thread t = new Thread(() -> {
            assertTrue(lock.tryLock());
            condition.signal();
            lock.unlock();
        });
        t.start();
        t.join();
    }

    @Test
    void aSignalBetweenTwoSlicesIsFoundAtTheNext() throws Exception {
        assertTrue(lock.tryLock());
        assertFalse(condition.awaitSlice(0), "the first slice passes: no signal yet");
        lock.unlock();
        signalFromAnotherThread();
        assertTrue(lock.tryLock());
        long start = System.nanoTime();
        assertTrue(condition.awaitSlice(TimeUnit.SECONDS.toNanos(5)), "the signal waited for this thread");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "at once");
        assertFalse(condition.endWait(), "no longer a waiter");
        lock.unlock();
    }

    @Test
    void aWaiterThatGivesUpAfterASignalTakesItAsItsWakeUp() throws Exception {
        assertTrue(lock.tryLock());
        assertFalse(condition.awaitSlice(0));
        lock.unlock();
        signalFromAnotherThread();
        assertTrue(lock.tryLock());
        assertTrue(condition.endWait(), "the signal it got counts, so no signal is lost");
        lock.unlock();
    }

    @Test
    void aSignalWithNoWaiterIsNotKept() throws Exception {
        signalFromAnotherThread();
        assertTrue(lock.tryLock());
        assertFalse(condition.awaitSlice(TimeUnit.MILLISECONDS.toNanos(50)));
        assertFalse(condition.endWait());
        lock.unlock();
    }

    @Test
    void signallingWithoutTheLockIsRefused() {
        assertThrows(IllegalMonitorStateException.class, condition::signal);
        assertThrows(IllegalMonitorStateException.class, () -> condition.awaitSlice(0));
    }
}
