package dev.mp4j.tck;

import dev.mp4j.Barrier;
import dev.mp4j.Condition;
import dev.mp4j.Event;
import dev.mp4j.Lock;
import dev.mp4j.Process;
import dev.mp4j.RLock;
import dev.mp4j.Semaphore;
import dev.mp4j.SharedDouble;
import dev.mp4j.SharedInt;
import dev.mp4j.SharedIntArray;
import dev.mp4j.SharedLong;
import dev.mp4j.SharedMemory;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared memory, shared values and the lock family across real child processes. These objects live in
 * {@code /dev/shm} rather than in the transport, but reach children through the task like every other
 * object, so each transport runs this suite too.
 */
public abstract class SharedMemoryContract extends TransportContract {

    private static void joinAll(List<Process> ps) throws InterruptedException {
        for (Process p : ps) {
            if (!p.join(Duration.ofSeconds(60))) {
                p.kill();
            }
            assertEquals(0, p.exitCode().orElse(-999), p.name() + " failed");
        }
    }

    private static void awaitValue(SharedInt v, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (v.get() != expected) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + expected + ", have " + v.get());
            Thread.sleep(2);
        }
    }

    @Test
    void threeProcessesLockedIncrementsOfAPlainIntAreExact() throws InterruptedException {
        SharedInt counter = mp().sharedInt(0);
        Lock lock = mp().lock();
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ps.add(mp().process(() -> {
                for (int k = 0; k < 10_000; k++) {
                    lock.lock();
                    try {
                        counter.set(counter.get() + 1);
                    } finally {
                        lock.unlock();
                    }
                }
            }).start());
        }
        joinAll(ps);
        assertEquals(30_000, counter.get());
    }

    @Test
    void valueLockGuardsCompoundUpdatesAcrossProcesses() throws InterruptedException {
        SharedLong total = mp().sharedLong(0);
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ps.add(mp().process(() -> {
                for (int k = 0; k < 10_000; k++) {
                    try (Lock.Held h = total.lock().hold()) {
                        total.set(total.get() + 2);
                    }
                }
            }).start());
        }
        for (int k = 0; k < 10_000; k++) {
            try (Lock.Held h = total.lock().hold()) {
                total.set(total.get() + 1);
            }
        }
        joinAll(ps);
        assertEquals(50_000, total.get());
    }

    @Test
    void atomicIncrementsAcrossProcessesAreExact() throws InterruptedException {
        SharedInt counter = mp().sharedInt(0);
        SharedDouble sum = mp().sharedDouble(0);
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ps.add(mp().process(() -> {
                for (int k = 0; k < 10_000; k++) {
                    counter.incrementAndGet();
                    sum.addAndGet(0.5);
                }
            }).start());
        }
        joinAll(ps);
        assertEquals(30_000, counter.get());
        assertEquals(15_000.0, sum.get());
    }

    @Test
    void aLockHeldByAKilledProcessIsTakenOverByTheNextWaiter() throws InterruptedException {
        assumeChildJvms("kill -9 of the holder");
        RLock lock = mp().rlock();
        SharedInt held = mp().sharedInt(0);
        Process p = mp().process(() -> {
            lock.lock();
            lock.lock();
            held.set(1);
            Thread.sleep(60_000);
        }).start();
        awaitValue(held, 1);
        assertFalse(lock.tryLock(Duration.ofMillis(100).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS),
                "the child holds the lock");
        p.kill();
        p.join();
        long t0 = System.nanoTime();
        assertTrue(lock.tryLock(10, java.util.concurrent.TimeUnit.SECONDS), "lock not recovered from the dead holder");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < slack(2_000), "recovery took " + ms + " ms");
        assertEquals(1, lock.holdCount(), "the new holder starts with one hold");
        lock.unlock();
        assertFalse(lock.isHeldByCurrentThread());
    }

    @Test
    void permitsOfAKilledProcessComeBack() throws InterruptedException {
        assumeChildJvms("kill -9 of the holder");
        Semaphore sem = mp().boundedSemaphore(2);
        SharedInt taken = mp().sharedInt(0);
        Process p = mp().process(() -> {
            sem.acquire();
            sem.acquire();
            taken.set(2);
            Thread.sleep(60_000);
        }).start();
        awaitValue(taken, 2);
        assertFalse(sem.tryAcquire());
        p.kill();
        p.join();
        assertTrue(sem.tryAcquire(Duration.ofSeconds(10)), "permit not recovered");
        assertTrue(sem.tryAcquire(Duration.ofSeconds(10)), "second permit not recovered");
        assertFalse(sem.tryAcquire(), "more permits than the semaphore was made with");
        sem.release();
        sem.release();
        assertThrows(IllegalStateException.class, sem::release);
    }

    @Test
    void aPermitReleasedByAnotherProcessIsNotGivenBackTwice() throws InterruptedException {
        Semaphore sem = mp().boundedSemaphore(1);
        SharedInt step = mp().sharedInt(0);
        Process holder = mp().process(() -> {
            sem.acquire();
            step.set(1);
            Thread.sleep(60_000);
        }).start();
        awaitValue(step, 1);
        run(mp().process(sem::release));
        holder.kill();
        holder.join();
        assertTrue(sem.tryAcquire(Duration.ofSeconds(5)));
        assertFalse(sem.tryAcquire(Duration.ofMillis(200)), "the permit was given back twice");
        sem.release();
    }

    @Test
    void aPermitReleasedForAnotherProcessIsNotGivenBackWhenTheTakerEnds() throws InterruptedException {
        Semaphore items = mp().semaphore(0);
        items.release();
        run(mp().process(() -> {
            if (!items.tryAcquire(Duration.ofSeconds(30))) {
                throw new AssertionError("no item");
            }
        }));
        assertFalse(items.tryAcquire(Duration.ofMillis(300)), "the consumed item came back when its taker ended");
    }

    @Test
    void eventSetInOneProcessWakesAnother() throws InterruptedException {
        Event go = mp().event();
        Event done = mp().event();
        Process p = mp().process(() -> {
            if (!go.await(Duration.ofSeconds(30))) {
                throw new AssertionError("go never came");
            }
            done.set();
        }).start();
        Thread.sleep(50);
        assertFalse(done.isSet());
        go.set();
        assertTrue(done.await(Duration.ofSeconds(30)));
        p.join();
        assertEquals(0, p.exitCode().getAsInt());
    }

    @Test
    void conditionWaitForSeesUpdatesFromAnotherProcess() throws InterruptedException {
        Condition cond = mp().condition();
        SharedInt ready = mp().sharedInt(0);
        SharedInt seen = mp().sharedInt(0);
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ps.add(mp().process(() -> {
                cond.lock().lock();
                try {
                    ready.incrementAndGet();
                    if (!cond.waitFor(() -> seen.get() > 0, Duration.ofSeconds(30))) {
                        throw new AssertionError("never signalled");
                    }
                } finally {
                    cond.lock().unlock();
                }
            }).start());
        }
        awaitValue(ready, 2);
        cond.lock().lock();
        try {
            seen.set(1);
            cond.signalAll();
        } finally {
            cond.lock().unlock();
        }
        joinAll(ps);
    }

    @Test
    void signalWakesExactlyNWaitersAcrossProcesses() throws InterruptedException {
        Condition cond = mp().condition();
        SharedInt waiting = mp().sharedInt(0);
        SharedInt woken = mp().sharedInt(0);
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ps.add(mp().process(() -> {
                cond.lock().lock();
                try {
                    waiting.incrementAndGet();
                    cond.await();
                    woken.incrementAndGet();
                } finally {
                    cond.lock().unlock();
                }
            }).start());
        }
        awaitValue(waiting, 3);
        cond.lock().lock();
        cond.signal(2);
        cond.lock().unlock();
        awaitValue(woken, 2);
        Thread.sleep(300);
        assertEquals(2, woken.get(), "signal(2) woke more than two");
        cond.lock().lock();
        cond.signalAll();
        cond.lock().unlock();
        joinAll(ps);
        assertEquals(3, woken.get());
    }

    @Test
    void barrierAcrossProcessesGivesDistinctIndicesAndRunsTheActionOncePerPass() throws InterruptedException {
        SharedInt actions = mp().sharedInt(0);
        SharedIntArray indices = mp().sharedIntArray(6);
        Barrier barrier = mp().barrier(3, actions::incrementAndGet, Duration.ofSeconds(60));
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int me = i;
            ps.add(mp().process(() -> {
                for (int pass = 0; pass < 2; pass++) {
                    int index = barrier.await();
                    if (actions.get() != pass + 1) {
                        throw new AssertionError("released before the action ran: pass " + pass);
                    }
                    indices.set(pass * 3 + me, index);
                }
            }).start());
        }
        joinAll(ps);
        assertEquals(2, actions.get());
        for (int pass = 0; pass < 2; pass++) {
            int[] got = Arrays.copyOfRange(indices.toArray(), pass * 3, pass * 3 + 3);
            Arrays.sort(got);
            assertArrayEquals(new int[] {0, 1, 2}, got);
        }
    }

    @Test
    void aPartyKilledWhileWaitingBreaksTheBarrier() throws InterruptedException {
        Barrier barrier = mp().barrier(3);
        Process p = mp().process(barrier::await).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (barrier.numberWaiting() < 1) {
            assertTrue(System.nanoTime() < deadline);
            Thread.sleep(2);
        }
        p.kill();
        p.join();
        long t0 = System.nanoTime();
        assertThrows(BrokenBarrierException.class, () -> barrier.await(Duration.ofSeconds(10)));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < slack(2_000), "the dead party was not noticed in time");
        assertTrue(barrier.isBroken());
        barrier.reset();
        assertFalse(barrier.isBroken());
    }

    @Test
    void sharedMemoryWrittenByAChildIsSeenByTheParent() throws InterruptedException {
        SharedMemory block = mp().sharedMemory(1 << 20);
        try {
            block.buffer().put(0, (byte) 7);
            run(mp().process(() -> {
                ByteBuffer b = block.buffer();
                if (b.get(0) != 7) {
                    throw new AssertionError("child sees " + b.get(0));
                }
                b.put(1, (byte) 8);
                b.putLong(1 << 19, 0x1122334455667788L);
                block.close();
            }));
            ByteBuffer b = block.buffer();
            assertEquals(8, b.get(1));
            assertEquals(0x1122334455667788L, b.getLong(1 << 19));
        } finally {
            block.unlink();
            block.close();
        }
    }

    @Test
    void aBlockMadeByAChildOutlivesTheChild() throws InterruptedException {
        String name = "tck-mp4j-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Process p = run(mp().process(() -> {
            SharedMemory made = dev.mp4j.Multiprocessing.context().sharedMemory(name, 64);
            made.buffer().put(0, "hi".getBytes(StandardCharsets.US_ASCII));
            made.close();
        }));
        assertEquals(0, p.exitCode().getAsInt());
        SharedMemory block = mp().attachSharedMemory(name);
        try {
            assertEquals(64, block.size());
            byte[] two = new byte[2];
            block.buffer().get(two);
            assertEquals("hi", new String(two, StandardCharsets.US_ASCII));
        } finally {
            block.unlink();
        }
    }
}
