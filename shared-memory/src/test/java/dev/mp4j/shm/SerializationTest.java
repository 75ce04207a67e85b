package dev.mp4j.shm;

import dev.mp4j.Barrier;
import dev.mp4j.Condition;
import dev.mp4j.Event;
import dev.mp4j.Lock;
import dev.mp4j.RLock;
import dev.mp4j.Semaphore;
import dev.mp4j.SharedDouble;
import dev.mp4j.SharedDoubleArray;
import dev.mp4j.SharedInt;
import dev.mp4j.SharedIntArray;
import dev.mp4j.SharedLong;
import dev.mp4j.SharedLongArray;
import dev.mp4j.SharedMemory;
import dev.mp4j.runtime.Token;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InvalidObjectException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.mp4j.shm.TestSupport.async;
import static dev.mp4j.shm.TestSupport.awaitTrue;
import static dev.mp4j.shm.TestSupport.get;
import static dev.mp4j.shm.TestSupport.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SerializationTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    /** Counts action runs across both copies of a barrier. */
    static final AtomicInteger ACTIONS = new AtomicInteger();

    private static boolean tryLockInAnotherThread(Lock lock) throws Exception {
        return get(async(() -> {
            if (lock.tryLock()) {
                lock.unlock();
                return true;
            }
            return false;
        }), LONG);
    }

    @Test
    void lockCopyIsTheSameLock() throws Exception {
        Lock lock = SharedObjects.lock();
        Lock copy = roundTrip(lock);
        assertNotSame(lock, copy);
        assertInstanceOf(Lock.class, copy);
        assertFalse(copy instanceof RLock, "a Lock stays non-reentrant");
        lock.lock();
        try {
            assertFalse(tryLockInAnotherThread(copy), "locking one must make tryLock on the other fail");
            // same thread, same lock: not reentrant through the copy either
            assertFalse(copy.tryLock());
            assertThrows(IllegalMonitorStateException.class, copy::lock);
        } finally {
            copy.unlock(); // the copy may release what the original took: same lock, same thread
        }
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
        assertTrue(tryLockInAnotherThread(lock));
    }

    @Test
    void rlockCopyIsTheSameLockWithTheSameHoldCount() throws Exception {
        RLock lock = SharedObjects.rlock();
        lock.lock();
        lock.lock();
        RLock copy = roundTrip(lock);
        try {
            assertEquals(2, copy.holdCount());
            assertTrue(copy.isHeldByCurrentThread());
            assertFalse(tryLockInAnotherThread(copy));
        } finally {
            copy.unlock();
            lock.unlock();
        }
        assertEquals(0, lock.holdCount());
        assertTrue(tryLockInAnotherThread(copy));
    }

    @Test
    void sharedValueCopiesActOnTheSameMemory() {
        SharedInt i = SharedObjects.sharedInt(1);
        SharedInt ic = roundTrip(i);
        assertEquals(i.name(), ic.name());
        ic.set(42);
        assertEquals(42, i.get());
        i.incrementAndGet();
        assertEquals(43, ic.get());

        SharedLong l = SharedObjects.sharedLong(1);
        SharedLong lc = roundTrip(l);
        lc.addAndGet(1L << 40);
        assertEquals(1 + (1L << 40), l.get());

        SharedDouble d = SharedObjects.sharedDouble(0.5);
        SharedDouble dc = roundTrip(d);
        assertEquals(0.5, dc.get());
        d.set(-2.5);
        assertEquals(-2.5, dc.get());

        SharedIntArray ia = SharedObjects.sharedIntArrayOf(1, 2, 3);
        SharedIntArray iac = roundTrip(ia);
        assertEquals(3, iac.length());
        iac.set(1, 20);
        assertArrayEquals(new int[] {1, 20, 3}, ia.toArray());

        SharedLongArray la = SharedObjects.sharedLongArrayOf(5, 6);
        SharedLongArray lac = roundTrip(la);
        la.incrementAndGet(0);
        assertArrayEquals(new long[] {6, 6}, lac.toArray());

        SharedDoubleArray da = SharedObjects.sharedDoubleArrayOf(0.25);
        SharedDoubleArray dac = roundTrip(da);
        dac.addAndGet(0, 1);
        assertEquals(1.25, da.get(0));
    }

    @Test
    void valueLockCopyIsTheValuesLock() throws Exception {
        SharedInt v = SharedObjects.sharedInt(0);
        RLock lockCopy = roundTrip(v.lock());
        v.lock().lock();
        try {
            assertTrue(lockCopy.isHeldByCurrentThread());
            assertFalse(tryLockInAnotherThread(lockCopy));
        } finally {
            v.lock().unlock();
        }
        assertTrue(tryLockInAnotherThread(lockCopy));
    }

    @Test
    void eventCopyIsTheSameEvent() throws Exception {
        Event e = SharedObjects.event();
        Event copy = roundTrip(e);
        assertFalse(copy.isSet());
        CompletableFuture<Boolean> waiter = async(() -> copy.await(Duration.ofSeconds(20)));
        Thread.sleep(50);
        e.set();
        assertTrue(get(waiter, LONG));
        assertTrue(copy.isSet());
        copy.clear();
        assertFalse(e.isSet());
    }

    @Test
    void semaphoreCopyIsTheSameSemaphore() {
        Semaphore s = SharedObjects.boundedSemaphore(2);
        Semaphore copy = roundTrip(s);
        assertTrue(s.tryAcquire());
        assertEquals(1, copy.availablePermits());
        assertTrue(copy.tryAcquire());
        assertFalse(s.tryAcquire());
        copy.release();
        s.release();
        assertEquals(2, copy.availablePermits());
        assertThrows(IllegalStateException.class, copy::release, "the bound travels with the copy");
    }

    @Test
    void conditionCopyKeepsItsLockAndWakesWaitersOfTheOriginal() throws Exception {
        Condition c = SharedObjects.condition();
        Condition copy = roundTrip(c);
        assertInstanceOf(RLock.class, copy.lock());
        AtomicBoolean waiting = new AtomicBoolean();
        CompletableFuture<Boolean> w = async(() -> {
            c.lock().lock();
            try {
                waiting.set(true);
                return c.await(20, TimeUnit.SECONDS);
            } finally {
                c.lock().unlock();
            }
        });
        awaitTrue(waiting::get, LONG, "the waiter");
        // the copy's lock is the original's lock: taking it waits for the waiter to release inside await
        copy.lock().lock();
        try {
            assertTrue(((RLock) c.lock()).isHeldByCurrentThread(), "the copy's lock must be the same lock");
            copy.signal();
        } finally {
            copy.lock().unlock();
        }
        assertTrue(get(w, LONG), "a signal through the copy must wake a waiter of the original");
    }

    @Test
    void barrierCopyIsTheSameBarrierWithItsAction() throws Exception {
        ACTIONS.set(0);
        Barrier b = SharedObjects.barrier(2, () -> ACTIONS.incrementAndGet(), null);
        Barrier copy = roundTrip(b);
        assertEquals(2, copy.parties());
        CompletableFuture<Integer> first = async(() -> b.await(Duration.ofSeconds(20)));
        awaitTrue(() -> copy.numberWaiting() == 1, LONG, "an arrival seen through the copy");
        assertEquals(1, copy.await(Duration.ofSeconds(20)));
        assertEquals(0, get(first, LONG));
        assertEquals(1, ACTIONS.get(), "the copy runs the action too");
        copy.abort();
        assertTrue(b.isBroken());
        b.reset();
        assertFalse(copy.isBroken());
    }

    @Test
    void sharedMemoryCopyIsTheSameBlock() {
        SharedMemory m = SharedObjects.sharedMemory("test-mp4j-ser-" + UUID.randomUUID(), 32);
        try {
            SharedMemory copy = roundTrip(m);
            assertEquals(m.name(), copy.name());
            assertEquals(32, copy.size());
            m.buffer().put(0, "hi".getBytes(StandardCharsets.US_ASCII));
            byte[] got = new byte[2];
            copy.buffer().get(0, got);
            assertEquals("hi", new String(got, StandardCharsets.US_ASCII));
            copy.buffer().putLong(8, 0x1122334455667788L);
            assertEquals(0x1122334455667788L, m.buffer().getLong(8));
            copy.close();
            assertThrows(IllegalStateException.class, copy::buffer);
            assertEquals(0x1122334455667788L, m.buffer().getLong(8), "closing the copy leaves the original");
        } finally {
            m.unlink();
        }
    }

    @Test
    void everyObjectTravelsAsATokenOfItsKind() {
        String rlock = new String(TestSupport.serialize(SharedObjects.rlock()), StandardCharsets.ISO_8859_1);
        assertTrue(rlock.contains(Token.class.getName()) && rlock.contains("mp4j.shm.rlock"), rlock);
        String array = new String(TestSupport.serialize(SharedObjects.sharedLongArray(1)), StandardCharsets.ISO_8859_1);
        assertTrue(array.contains("mp4j.shm.long-array"), array);
        SharedMemory m = SharedObjects.sharedMemory(8);
        try {
            String memory = new String(TestSupport.serialize(m), StandardCharsets.ISO_8859_1);
            assertTrue(memory.contains("mp4j.shm.memory") && memory.contains(m.name()), memory);
        } finally {
            m.unlink();
        }
        assertTrue(new ShmTokenResolver().kinds().containsAll(List.of("mp4j.shm.lock", "mp4j.shm.semaphore",
                "mp4j.shm.condition", "mp4j.shm.barrier", "mp4j.shm.double-array", "mp4j.shm.memory")));
    }

    @Test
    void aTokenOfAnUnknownShmKindFailsSayingSo() {
        Token bogus = new Token("mp4j.shm.bogus", "", "mp4j-1-1-1", 0, null);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> roundTrip(bogus));
        InvalidObjectException cause = assertInstanceOf(InvalidObjectException.class, e.getCause());
        assertTrue(cause.getMessage().contains("'mp4j.shm.bogus'"), cause.getMessage());
        assertTrue(cause.getMessage().contains("mp4j.shm.lock"), "lists the kinds known: " + cause.getMessage());

        InvalidObjectException direct = assertThrows(InvalidObjectException.class,
                () -> new ShmTokenResolver().resolve(bogus));
        assertTrue(direct.getMessage().contains("no shared-memory kind 'mp4j.shm.bogus'"), direct.getMessage());
    }

    @Test
    void aTokenNamingAMissingBlockFailsNamingIt() {
        String missing = "mp4j-test-missing-" + UUID.randomUUID();
        for (String kind : List.of("mp4j.shm.lock", "mp4j.shm.int", "mp4j.shm.memory")) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> roundTrip(new Token(kind, "", missing, 0, null)));
            InvalidObjectException cause = assertInstanceOf(InvalidObjectException.class, e.getCause());
            assertTrue(cause.getMessage().startsWith("cannot re-attach shared " + kind.substring(9) + " \"" + missing),
                    cause.getMessage());
            assertTrue(cause.getMessage().contains("no shared memory named"), cause.getMessage());
        }
    }

    @Test
    void aTokenWithTheWrongDetailIsRefused() {
        Condition c = SharedObjects.condition();
        String name = c.toString().substring("Condition[".length(), c.toString().indexOf(','));
        InvalidObjectException e = assertThrows(InvalidObjectException.class,
                () -> new ShmTokenResolver().resolve(new Token("mp4j.shm.condition", "", name, 0, "not a lock")));
        assertTrue(e.getMessage().contains("must be a BaseLock"), e.getMessage());
    }

    @Test
    void anUnlinkedSharedMemoryCannotBeDeserialized() {
        SharedMemory m = SharedObjects.sharedMemory(16);
        byte[] bytes = TestSupport.serialize(m);
        m.unlink();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> TestSupport.deserialize(bytes));
        assertInstanceOf(InvalidObjectException.class, e.getCause());
    }
}
