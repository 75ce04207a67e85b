package dev.mp4j.shm;

import dev.mp4j.RLock;
import dev.mp4j.SharedDouble;
import dev.mp4j.SharedDoubleArray;
import dev.mp4j.SharedInt;
import dev.mp4j.SharedIntArray;
import dev.mp4j.SharedLong;
import dev.mp4j.SharedLongArray;

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
import static dev.mp4j.shm.TestSupport.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SharedValuesTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    @Test
    void sharedIntOperations() {
        SharedInt v = SharedObjects.sharedInt(5);
        assertEquals(5, v.get());
        v.set(10);
        assertEquals(10, v.get());
        assertEquals(10, v.getAndAdd(3));
        assertEquals(13, v.get());
        assertEquals(20, v.addAndGet(7));
        assertEquals(21, v.incrementAndGet());
        assertEquals(16, v.addAndGet(-5));
        assertFalse(v.compareAndSet(15, 99));
        assertEquals(16, v.get());
        assertTrue(v.compareAndSet(16, 99));
        assertEquals(99, v.get());
        v.set(Integer.MAX_VALUE);
        assertEquals(Integer.MIN_VALUE, v.incrementAndGet(), "wraps around like AtomicInteger");
        assertEquals(Integer.toString(Integer.MIN_VALUE), v.toString());
        assertEquals(0, SharedObjects.sharedInt(0).get());
    }

    @Test
    void sharedLongOperations() {
        SharedLong v = SharedObjects.sharedLong(1L << 40);
        assertEquals(1L << 40, v.get());
        v.set(-7);
        assertEquals(-7, v.get());
        assertEquals(-7, v.getAndAdd(10));
        assertEquals(3, v.get());
        assertEquals(3 + (1L << 35), v.addAndGet(1L << 35));
        v.set(41);
        assertEquals(42, v.incrementAndGet());
        assertFalse(v.compareAndSet(41, 0));
        assertTrue(v.compareAndSet(42, Long.MAX_VALUE));
        assertEquals(Long.MIN_VALUE, v.incrementAndGet());
    }

    @Test
    void sharedDoubleOperations() {
        SharedDouble v = SharedObjects.sharedDouble(1.5);
        assertEquals(1.5, v.get());
        v.set(2.25);
        assertEquals(2.25, v.get());
        assertEquals(2.25, v.getAndAdd(0.75));
        assertEquals(3.0, v.get());
        assertEquals(4.5, v.addAndGet(1.5));
        assertFalse(v.compareAndSet(4.0, 1.0));
        assertTrue(v.compareAndSet(4.5, 1.0));
        assertEquals(1.0, v.get());
    }

    @Test
    void sharedDoubleCompareAndSetComparesRawBits() {
        SharedDouble v = SharedObjects.sharedDouble(0.0);
        assertFalse(v.compareAndSet(-0.0, 1.0), "-0.0 must not match 0.0");
        assertEquals(0.0, v.get());
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(v.get()));
        v.set(-0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(v.get()), "-0.0 is kept");
        assertFalse(v.compareAndSet(0.0, 1.0), "0.0 must not match -0.0");
        assertTrue(v.compareAndSet(-0.0, 1.0));
        assertEquals(1.0, v.get());

        v.set(Double.NaN);
        assertTrue(v.compareAndSet(Double.NaN, 2.0), "a NaN matches a NaN of the same bits");
        assertEquals(2.0, v.get());

        double otherNaN = Double.longBitsToDouble(0x7ff8_0000_0000_0001L);
        v.set(otherNaN);
        assertEquals(0x7ff8_0000_0000_0001L, Double.doubleToRawLongBits(v.get()), "NaN payload is kept");
        assertFalse(v.compareAndSet(Double.NaN, 3.0), "a NaN of other bits does not match");
        assertTrue(v.compareAndSet(otherNaN, 3.0));
        assertEquals(3.0, v.get());
    }

    @Test
    void sharedIntArrayOperations() {
        SharedIntArray a = SharedObjects.sharedIntArray(4);
        assertEquals(4, a.length());
        assertArrayEquals(new int[4], a.toArray(), "a new array is zeroed");
        a.set(0, 7);
        assertEquals(7, a.get(0));
        assertEquals(7, a.getAndAdd(0, 3));
        assertEquals(15, a.addAndGet(0, 5));
        assertEquals(1, a.incrementAndGet(3));
        assertFalse(a.compareAndSet(1, 1, 2));
        assertTrue(a.compareAndSet(1, 0, 2));
        assertArrayEquals(new int[] {15, 2, 0, 1}, a.toArray());
        int[] snapshot = a.toArray();
        snapshot[0] = 1000;
        assertEquals(15, a.get(0), "toArray returns a copy");

        a.copyFrom(new int[] {9, 8, 7, 6});
        assertArrayEquals(new int[] {9, 8, 7, 6}, a.toArray());
        assertThrows(IllegalArgumentException.class, () -> a.copyFrom(new int[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> a.copyFrom(new int[] {1, 2, 3, 4, 5}));
        assertArrayEquals(new int[] {9, 8, 7, 6}, a.toArray(), "a refused copyFrom changes nothing");
        assertThrows(NullPointerException.class, () -> a.copyFrom(null));

        SharedIntArray b = SharedObjects.sharedIntArrayOf(3, -1, Integer.MAX_VALUE);
        assertEquals(3, b.length());
        assertArrayEquals(new int[] {3, -1, Integer.MAX_VALUE}, b.toArray());
        assertEquals("[3, -1, " + Integer.MAX_VALUE + "]", b.toString());
    }

    @Test
    void sharedLongArrayOperations() {
        SharedLongArray a = SharedObjects.sharedLongArray(3);
        assertEquals(3, a.length());
        assertArrayEquals(new long[3], a.toArray());
        a.set(2, 1L << 50);
        assertEquals(1L << 50, a.getAndAdd(2, 1));
        assertEquals((1L << 50) + 3, a.addAndGet(2, 2));
        assertEquals(1, a.incrementAndGet(0));
        assertTrue(a.compareAndSet(1, 0, -4));
        assertFalse(a.compareAndSet(1, 0, -5));
        assertArrayEquals(new long[] {1, -4, (1L << 50) + 3}, a.toArray());
        a.copyFrom(new long[] {4, 5, 6});
        assertArrayEquals(new long[] {4, 5, 6}, a.toArray());
        assertThrows(IllegalArgumentException.class, () -> a.copyFrom(new long[2]));
        assertArrayEquals(new long[] {4, 5, 6}, a.toArray());

        assertArrayEquals(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE},
                SharedObjects.sharedLongArrayOf(Long.MIN_VALUE, 0, Long.MAX_VALUE).toArray());
    }

    @Test
    void sharedDoubleArrayOperations() {
        SharedDoubleArray a = SharedObjects.sharedDoubleArray(2);
        assertEquals(2, a.length());
        assertArrayEquals(new double[2], a.toArray());
        a.set(0, 1.25);
        assertEquals(1.25, a.getAndAdd(0, 1.0));
        assertEquals(3.25, a.addAndGet(0, 1.0));
        assertFalse(a.compareAndSet(1, -0.0, 5.0), "compares raw bits: -0.0 is not 0.0");
        assertTrue(a.compareAndSet(1, 0.0, 5.0));
        assertArrayEquals(new double[] {3.25, 5.0}, a.toArray());
        a.copyFrom(new double[] {-1.5, Double.NaN});
        assertEquals(-1.5, a.get(0));
        assertTrue(Double.isNaN(a.get(1)));
        assertTrue(a.compareAndSet(1, Double.NaN, 0.5));
        assertThrows(IllegalArgumentException.class, () -> a.copyFrom(new double[3]));
        assertArrayEquals(new double[] {-1.5, 0.5}, a.toArray());

        assertArrayEquals(new double[] {0.1, 0.2}, SharedObjects.sharedDoubleArrayOf(0.1, 0.2).toArray());
    }

    @Test
    void arrayIndexesOutOfBoundsThrow() {
        SharedIntArray ia = SharedObjects.sharedIntArray(3);
        SharedLongArray la = SharedObjects.sharedLongArray(3);
        SharedDoubleArray da = SharedObjects.sharedDoubleArray(3);
        for (int bad : new int[] {-1, 3, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThrows(IndexOutOfBoundsException.class, () -> ia.get(bad));
            assertThrows(IndexOutOfBoundsException.class, () -> ia.set(bad, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> ia.getAndAdd(bad, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> ia.addAndGet(bad, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> ia.incrementAndGet(bad));
            assertThrows(IndexOutOfBoundsException.class, () -> ia.compareAndSet(bad, 0, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> la.get(bad));
            assertThrows(IndexOutOfBoundsException.class, () -> la.set(bad, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> la.incrementAndGet(bad));
            assertThrows(IndexOutOfBoundsException.class, () -> la.compareAndSet(bad, 0, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> da.get(bad));
            assertThrows(IndexOutOfBoundsException.class, () -> da.set(bad, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> da.getAndAdd(bad, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> da.compareAndSet(bad, 0, 1));
        }
        assertArrayEquals(new int[3], ia.toArray(), "nothing was written out of bounds");
        assertArrayEquals(new long[3], la.toArray());
        assertArrayEquals(new double[3], da.toArray());

        SharedIntArray empty = SharedObjects.sharedIntArray(0);
        assertEquals(0, empty.length());
        assertArrayEquals(new int[0], empty.toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> empty.get(0));
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.sharedIntArray(-1));
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.sharedLongArray(-1));
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.sharedDoubleArray(-1));
    }

    @Test
    void anArrayTooLargeForOneBlockIsAnIllegalArgumentThatSaysWhatFits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SharedObjects.sharedIntArray(Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("at most " + ValueLayout.maxLength(4)), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.sharedLongArray(Integer.MAX_VALUE / 4));
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.sharedDoubleArray(Integer.MAX_VALUE / 4));
        SharedIntArray still = SharedObjects.sharedIntArray(4);
        assertEquals(4, still.length(), "a refused size leaves the factory usable");
        still.close();
    }

    @Test
    void closeDetachesButNameStillWorks() {
        SharedInt i = SharedObjects.sharedInt(1);
        SharedLong l = SharedObjects.sharedLong(1);
        SharedDouble d = SharedObjects.sharedDouble(1);
        SharedIntArray ia = SharedObjects.sharedIntArray(2);
        SharedLongArray la = SharedObjects.sharedLongArray(2);
        SharedDoubleArray da = SharedObjects.sharedDoubleArray(2);
        String[] names = {i.name(), l.name(), d.name(), ia.name(), la.name(), da.name()};
        i.close();
        l.close();
        d.close();
        ia.close();
        la.close();
        da.close();
        assertThrows(IllegalStateException.class, i::get);
        assertThrows(IllegalStateException.class, () -> i.set(2));
        assertThrows(IllegalStateException.class, i::incrementAndGet);
        assertThrows(IllegalStateException.class, () -> i.compareAndSet(1, 2));
        assertThrows(IllegalStateException.class, i::lock);
        assertThrows(IllegalStateException.class, l::get);
        assertThrows(IllegalStateException.class, () -> l.addAndGet(1));
        assertThrows(IllegalStateException.class, d::get);
        assertThrows(IllegalStateException.class, () -> d.getAndAdd(1));
        assertThrows(IllegalStateException.class, () -> ia.get(0));
        assertThrows(IllegalStateException.class, ia::length);
        assertThrows(IllegalStateException.class, ia::toArray);
        assertThrows(IllegalStateException.class, () -> ia.copyFrom(new int[2]));
        assertThrows(IllegalStateException.class, () -> la.set(0, 1));
        assertThrows(IllegalStateException.class, la::toArray);
        assertThrows(IllegalStateException.class, () -> da.get(1));
        assertThrows(IllegalStateException.class, da::length);
        assertEquals(names[0], i.name());
        assertEquals(names[1], l.name());
        assertEquals(names[2], d.name());
        assertEquals(names[3], ia.name());
        assertEquals(names[4], la.name());
        assertEquals(names[5], da.name());
        assertDoesNotThrow(i::close, "close is idempotent");
        assertDoesNotThrow(ia::close);
        assertThrows(IllegalStateException.class, i::get, "a second close leaves the value closed");
        assertThrows(IllegalStateException.class, () -> ia.get(0), "a second close leaves the array closed");
    }

    @Test
    void closeIsPerViewAndTheMemoryLives() {
        SharedInt v = SharedObjects.sharedInt(7);
        SharedInt copy = TestSupport.roundTrip(v);
        v.close();
        assertThrows(IllegalStateException.class, v::get);
        assertEquals(7, copy.get(), "another view is unaffected by close");
        copy.set(8);
        assertEquals(8, copy.get());
    }

    @Test
    void namesAreUnique() {
        assertNotEquals(SharedObjects.sharedInt(0).name(), SharedObjects.sharedInt(0).name());
    }

    @Test
    void lockIsAReentrantLockSharedByCopies() throws Exception {
        SharedInt v = SharedObjects.sharedInt(0);
        RLock lock = v.lock();
        assertInstanceOf(RLock.class, lock);
        assertSame(lock, v.lock(), "the same lock object each time");
        lock.lock();
        lock.lock();
        try {
            assertEquals(2, lock.holdCount());
            assertEquals(2, v.lock().holdCount());
            // a copy's lock is the same lock in shared memory
            SharedInt copy = TestSupport.roundTrip(v);
            assertEquals(2, copy.lock().holdCount());
            assertFalse(get(async(() -> copy.lock().tryLock()), LONG));
            assertFalse(get(async(() -> v.lock().tryLock()), LONG));
            // the single operations do not take the lock
            assertEquals(1, get(async(v::incrementAndGet), LONG));
        } finally {
            lock.unlock();
            lock.unlock();
        }
        assertTrue(get(async(() -> {
            boolean ok = v.lock().tryLock();
            if (ok) {
                v.lock().unlock();
            }
            return ok;
        }), LONG));

        // each value has its own lock
        SharedLong other = SharedObjects.sharedLong(0);
        other.lock().lock();
        try {
            assertTrue(get(async(() -> {
                boolean ok = v.lock().tryLock();
                if (ok) {
                    v.lock().unlock();
                }
                return ok;
            }), LONG));
        } finally {
            other.lock().unlock();
        }
        SharedDoubleArray da = SharedObjects.sharedDoubleArray(1);
        assertInstanceOf(RLock.class, da.lock());
    }

    @Test
    void lockGuardsCompoundUpdatesOfAnArray() throws Exception {
        SharedLongArray a = SharedObjects.sharedLongArray(2);
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            fs.add(asyncRun(() -> {
                for (int i = 0; i < 5_000; i++) {
                    a.lock().lock();
                    try {
                        long[] s = a.toArray();
                        a.copyFrom(new long[] {s[0] + 1, s[1] - 1});
                    } finally {
                        a.lock().unlock();
                    }
                }
            }));
        }
        for (CompletableFuture<Void> f : fs) {
            get(f, Duration.ofSeconds(20));
        }
        assertArrayEquals(new long[] {10_000, -10_000}, a.toArray());
    }

    @Test
    void twoThreadsIncrementAndGetExactly() throws Exception {
        SharedInt i = SharedObjects.sharedInt(0);
        SharedLong l = SharedObjects.sharedLong(0);
        SharedDouble d = SharedObjects.sharedDouble(0);
        SharedIntArray ia = SharedObjects.sharedIntArray(2);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            fs.add(asyncRun(() -> {
                go.await();
                for (int k = 0; k < 100_000; k++) {
                    i.incrementAndGet();
                    l.incrementAndGet();
                    d.addAndGet(1.0);
                    ia.incrementAndGet(1);
                }
            }));
        }
        go.countDown();
        for (CompletableFuture<Void> f : fs) {
            get(f, Duration.ofSeconds(20));
        }
        assertEquals(200_000, i.get());
        assertEquals(200_000, l.get());
        assertEquals(200_000.0, d.get());
        assertArrayEquals(new int[] {0, 200_000}, ia.toArray());
    }
}
