package dev.mp4j.tck;

import dev.mp4j.AuthenticationException;
import dev.mp4j.Barrier;
import dev.mp4j.Condition;
import dev.mp4j.Event;
import dev.mp4j.JoinableQueue;
import dev.mp4j.Lock;
import dev.mp4j.Manager;
import dev.mp4j.ManagerOptions;
import dev.mp4j.Managers;
import dev.mp4j.MpException;
import dev.mp4j.Namespace;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.RLock;
import dev.mp4j.Semaphore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Managers ({@code Context.manager()}, {@code Managers.serve}, {@code Managers.connect}) across real processes:
 * Python's {@code Manager()} program, the whole {@code Map} and {@code List}, the synchronization objects, user
 * objects, lifetime and failure. One manager process serves the whole class; tests that end a manager start
 * their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ManagerContract extends TransportContract {
    private Manager manager;

    /** A user's interface, for {@code Manager.create}. */
    public interface Counter {
        int add(int n);

        int value();

        default int addTwice(int n) {
            add(n);
            return add(n);
        }
    }

    /** A user's object; it refuses negative numbers with an exception of its own type. */
    public static final class SimpleCounter implements Counter {
        private int value;

        @Override
        public int add(int n) {
            if (n < 0) {
                throw new IllegalStateException("a counter only counts up, not by " + n);
            }
            return value += n;
        }

        @Override
        public int value() {
            return value;
        }
    }

    @BeforeAll
    void startManager() {
        manager = mp().manager();
    }

    @AfterAll
    void stopManager() {
        manager.close();
    }

    @Override
    protected boolean mayOutliveTheTest(Process p) {
        return p.name().startsWith("SyncManager-");
    }

    /** A thread blocked in {@code q.take()}, started 200 ms before the constructor returns. */
    private static final class BlockedTake {
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);
        final Thread thread;

        BlockedTake(Queue<?> q) throws InterruptedException {
            thread = new Thread(() -> {
                try {
                    q.take();
                } catch (Throwable e) {
                    thrown.set(e);
                }
                done.countDown();
            });
            thread.start();
            Thread.sleep(200);
        }

        /** @return what the take threw, or null if it did not end within the timeout */
        Throwable failure(Duration timeout) throws InterruptedException {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? thrown.get() : null;
        }
    }

    private static Set<Long> managerPids() {
        return dev.mp4j.Multiprocessing.activeChildren().stream().filter(p -> p.name().startsWith("SyncManager-"))
                .map(Process::pid).collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
    }

    @Test
    void pythonsManagerProgramRuns() throws Exception {
        Map<Object, Object> d = manager.dict();
        List<Integer> l = manager.list(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        run(mp().process(() -> {
            d.put(1, "1");
            d.put("2", 2);
            d.put(0.25, null);
            java.util.Collections.reverse(l);
        }));
        Map<Object, Object> expected = new HashMap<>();
        expected.put(1, "1");
        expected.put("2", 2);
        expected.put(0.25, null);
        assertEquals(expected, d);
        assertEquals(List.of(9, 8, 7, 6, 5, 4, 3, 2, 1, 0), l);
        assertEquals("{1=1, 2=2, 0.25=null}", d.toString());
        assertEquals(expected.hashCode(), d.hashCode());
    }

    @Test
    void aDictIsAWholeMap() {
        Map<String, Integer> d = manager.dict(Map.of("a", 1));
        assertEquals(1, d.size());
        assertNull(d.put("b", 2));
        assertEquals(2, d.put("b", 3));
        assertEquals(3, d.get("b"));
        assertTrue(d.containsKey("a"));
        assertTrue(d.containsValue(3));
        assertEquals(3, d.putIfAbsent("b", 9));
        assertEquals(7, d.getOrDefault("zz", 7));
        assertEquals(4, d.merge("b", 1, (BiFunction<Integer, Integer, Integer> & Serializable) Integer::sum));
        assertEquals(10, d.compute("c", (BiFunction<String, Integer, Integer> & Serializable) (k, v) -> v == null ? 10 : v));
        assertEquals(Set.of("a", "b", "c"), d.keySet());
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(d.keySet()), "insertion order, as Python's dict");
        assertThrows(UnsupportedOperationException.class, () -> d.keySet().remove("a"), "views are snapshots");
        assertTrue(d.remove("c", 10));
        assertEquals(Map.of("a", 1, "b", 4), d);
        assertEquals(Map.of("a", 1, "b", 4).hashCode(), d.hashCode());
        assertNotEquals(Map.of("a", 1), d);
        d.clear();
        assertTrue(d.isEmpty());
    }

    @Test
    void aFunctionThatCannotBeSerializedIsRefusedNamingTheCastAndTheDictGoesOn() {
        Map<String, Integer> d = manager.dict();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.compute("k", (k, v) -> 1));
        assertTrue(e.getMessage().contains("& Serializable"), e.getMessage());
        d.put("k", 2);
        assertEquals(2, d.get("k"));
    }

    @Test
    void mergeRunsAtomicallyInTheManagerForEveryProcess() throws Exception {
        Map<String, Integer> d = manager.dict();
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ps.add(mp().process(() -> {
                for (int k = 0; k < 100; k++) {
                    d.merge("n", 1, (BiFunction<Integer, Integer, Integer> & Serializable) Integer::sum);
                }
            }).start());
        }
        for (Process p : ps) {
            assertTrue(p.join(Duration.ofSeconds(60)));
            assertEquals(0, p.exitCode().orElse(-1));
        }
        assertEquals(200, d.get("n"), "no merge was lost: each ran whole in the manager");
    }

    @Test
    void valuesCrossByCopy() {
        Map<String, List<Integer>> d = manager.dict();
        d.put("k", new ArrayList<>(List.of(1)));
        d.get("k").add(2);
        assertEquals(List.of(1), d.get("k"), "changing what get returned changes nothing in the manager");
    }

    @Test
    void aListIsAWholeList() {
        List<String> l = manager.list();
        l.add("b");
        l.add(0, "a");
        l.addAll(List.of("c", "d", "c"));
        assertEquals(5, l.size());
        assertEquals("a", l.get(0));
        assertEquals("a", l.set(0, "z"));
        assertEquals(2, l.indexOf("c"));
        assertEquals(4, l.lastIndexOf("c"));
        assertEquals(List.of("b", "c"), l.subList(1, 3));
        assertTrue(l.remove("d"));
        assertEquals("c", l.remove(3));
        l.sort(null);
        assertEquals(List.of("b", "c", "z"), l);
        assertTrue(l.removeIf((java.util.function.Predicate<String> & Serializable) s -> s.equals("z")));
        List<String> seen = new ArrayList<>();
        l.forEach(seen::add);
        assertEquals(List.of("b", "c"), seen);
        assertEquals(List.of("b", "c").hashCode(), l.hashCode());
        assertEquals("[b, c]", l.toString());
        assertThrows(IndexOutOfBoundsException.class, () -> l.get(5), "the referent's exception, as itself");
        assertEquals(2, l.size(), "and the list goes on");
    }

    @Test
    void proxiesNestAndReachTheSameObjectFromAnyProcess() throws Exception {
        Map<String, Object> d = manager.dict();
        List<Integer> inner = manager.list();
        d.put("inner", inner);
        run(mp().process(() -> {
            @SuppressWarnings("unchecked")
            List<Integer> same = (List<Integer>) d.get("inner");
            same.add(42);
        }));
        assertEquals(List.of(42), inner);
        assertEquals(inner, d.get("inner"));
    }

    @Test
    void aProxySentThroughAQueueReachesTheSameObject() throws Exception {
        Queue<Object> carrier = mp().queue();
        Map<String, Integer> d = manager.dict();
        carrier.put(d);
        run(mp().process(() -> {
            @SuppressWarnings("unchecked")
            Map<String, Integer> same = (Map<String, Integer>) carrier.take();
            same.put("via", 1);
        }));
        assertEquals(Map.of("via", 1), d);
    }

    @Test
    void aNamespaceHoldsAttributes() throws Exception {
        Namespace ns = manager.namespace();
        ns.set("x", 1);
        run(mp().process(() -> ns.set("y", ns.<Integer>get("x") + 1)));
        assertEquals(2, (Integer) ns.get("y"));
        assertEquals(List.of("x", "y"), new ArrayList<>(ns.names()));
        ns.remove("x");
        assertThrows(NoSuchElementException.class, () -> ns.get("x"));
    }

    @Test
    void aManagedQueueCarriesItemsBetweenProcesses() throws Exception {
        Queue<Integer> q = manager.queue();
        JoinableQueue<Integer> work = manager.joinableQueue();
        for (int i = 0; i < 10; i++) {
            work.put(i);
        }
        Process p = mp().process(() -> {
            for (int i = 0; i < 10; i++) {
                q.put(work.take() * 2);
                work.taskDone();
            }
        }).start();
        work.join();
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            got.add(q.take());
        }
        assertEquals(List.of(0, 2, 4, 6, 8, 10, 12, 14, 16, 18), got);
        assertNull(q.poll(Duration.ofMillis(50)));
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertThrows(IllegalStateException.class, work::taskDone);
        assertTrue(p.join(Duration.ofSeconds(60)));
    }

    @Test
    void aBoundedManagedQueueRefusesWhenFull() throws Exception {
        Queue<Integer> q = manager.queue(1);
        assertTrue(q.offer(1));
        assertTrue(q.isFull());
        assertFalse(q.offer(2));
        assertFalse(q.offer(2, Duration.ofMillis(150)));
        assertEquals(1, q.take());
    }

    @Test
    void aManagedLockExcludesAcrossProcesses() throws Exception {
        Lock lock = manager.lock();
        Map<String, Integer> d = manager.dict(Map.of("n", 0));
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ps.add(mp().process(() -> {
                for (int k = 0; k < 100; k++) {
                    try (Lock.Held h = lock.hold()) {
                        d.put("n", d.get("n") + 1);
                    }
                }
            }).start());
        }
        for (Process p : ps) {
            assertTrue(p.join(Duration.ofSeconds(60)));
            assertEquals(0, p.exitCode().orElse(-1));
        }
        assertEquals(200, d.get("n"));
        lock.lock();
        assertThrows(IllegalMonitorStateException.class, lock::lock, "not reentrant");
        assertFalse(lock.tryLock());
        lock.unlock();
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
    }

    @Test
    void aManagedRLockIsReentrantAndOwnedByItsThread() throws Exception {
        RLock r = manager.rlock();
        r.lock();
        r.lock();
        assertEquals(2, r.holdCount());
        assertTrue(r.isHeldByCurrentThread());
        AtomicReference<Object> other = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                other.set(r.tryLock());
            } catch (Throwable e) {
                other.set(e);
            }
        });
        t.start();
        t.join();
        assertEquals(Boolean.FALSE, other.get(), "another thread cannot take a lock this thread holds");
        r.unlock();
        r.unlock();
        assertFalse(r.isHeldByCurrentThread());
    }

    @Test
    void aLockHeldByAProcessThatDiesIsReleased() throws Exception {
        assumeChildJvms("the death of the holder, whose own connection to the manager ends with it");
        Lock lock = manager.lock();
        Event held = manager.event();
        Process p = mp().process(() -> {
            lock.lock();
            held.set();
            Thread.sleep(60_000);
        }).start();
        assertTrue(held.await(Duration.ofSeconds(60)));
        assertFalse(lock.tryLock());
        p.kill();
        p.join();
        assertTrue(lock.tryLock(10, TimeUnit.SECONDS), "the dead holder's lock was released");
        lock.unlock();
    }

    @Test
    void aPermitTakenByAProcessThatDiesIsGivenBack() throws Exception {
        assumeChildJvms("the death of the holder, whose own connection to the manager ends with it");
        Semaphore s = manager.boundedSemaphore(1);
        Event taken = manager.event();
        Process p = mp().process(() -> {
            s.acquire();
            taken.set();
            Thread.sleep(60_000);
        }).start();
        assertTrue(taken.await(Duration.ofSeconds(60)));
        assertFalse(s.tryAcquire());
        p.kill();
        p.join();
        assertTrue(s.tryAcquire(Duration.ofSeconds(10)));
        s.release();
        assertThrows(IllegalStateException.class, s::release, "a bounded semaphore refuses a release too many");
        assertEquals(1, s.availablePermits());
    }

    @Test
    void aSemaphoreCountsPermitsAcrossProcesses() throws Exception {
        Semaphore s = manager.semaphore(0);
        run(mp().process(() -> {
            s.release();
            s.release();
        }));
        assertEquals(2, s.availablePermits());
        assertTrue(s.tryAcquire());
        s.acquire();
        assertFalse(s.tryAcquire(Duration.ofMillis(150)));
        s.release();
        s.release();
        assertEquals(2, s.availablePermits(), "an unbounded semaphore may go above its initial count");
        assertThrows(IllegalArgumentException.class, () -> manager.semaphore(-1));
    }

    @Test
    void eventConditionAndBarrierWorkAcrossProcesses() throws Exception {
        Event go = manager.event();
        Condition c = manager.condition();
        Map<String, Integer> d = manager.dict(Map.of("ready", 0));
        Barrier b = manager.barrier(2);
        Process p = mp().process(() -> {
            go.await();
            c.lock().lock();
            try {
                d.put("ready", 1);
                c.signalAll();
            } finally {
                c.lock().unlock();
            }
            b.await();
        }).start();
        assertFalse(go.isSet());
        go.set();
        c.lock().lock();
        try {
            assertTrue(c.waitFor(() -> d.get("ready") == 1, Duration.ofSeconds(60)));
        } finally {
            c.lock().unlock();
        }
        int index = b.await(Duration.ofSeconds(60));
        assertTrue(index == 0 || index == 1);
        assertTrue(p.join(Duration.ofSeconds(60)));
        assertEquals(0, p.exitCode().orElse(-1));
        assertThrows(IllegalMonitorStateException.class, c::signal, "signal without the lock");
    }

    @Test
    void aBlockedCallAnswersAnInterruptAndTheProxyGoesOn() throws Exception {
        Queue<String> q = manager.queue();
        BlockedTake blocked = new BlockedTake(q);
        blocked.thread.interrupt();
        assertInstanceOf(InterruptedException.class, blocked.failure(Duration.ofSeconds(5)));
        q.put("after");
        assertEquals("after", q.take());
    }

    @Test
    void aUserObjectIsUsedThroughItsInterface() throws Exception {
        Counter c = manager.create(Counter.class, SimpleCounter::new);
        assertEquals(5, c.add(5));
        run(mp().process(() -> c.add(10)));
        assertEquals(15, c.value());
        assertEquals(17, c.addTwice(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.add(-1));
        assertEquals("a counter only counts up, not by -1", e.getMessage());
        assertInstanceOf(MpException.class, e.getCause(), "the manager's stack trace is the cause");
        assertEquals(17, c.value(), "and the object goes on");
        assertEquals(c, c);
        assertThrows(IllegalArgumentException.class, () -> manager.create(SimpleCounter.class, SimpleCounter::new));
        assertThrows(ClassCastException.class, () -> manager.create(Runnable.class, () -> (Runnable) (Object) "x"));
    }

    @Test
    void aGoneManagerFailsEveryCallNamingItsAddressQuickly() throws Exception {
        Manager m = mp().manager();
        Map<String, Integer> d = m.dict();
        Queue<Integer> q = m.queue();
        d.put("k", 1);
        m.shutdown();
        long start = System.nanoTime();
        MpException e = assertThrows(MpException.class, () -> d.get("k"));
        assertTrue(e.getMessage().contains(m.address()), e.getMessage());
        assertThrows(MpException.class, q::take);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
        m.close();
    }

    @Test
    void aKilledManagerFailsABlockedCallWithinTwoSeconds() throws Exception {
        assumeChildJvms("kill -9 of the manager process");
        Set<Long> before = managerPids();
        Manager m = mp().manager();
        Set<Long> after = managerPids();
        after.removeAll(before);
        assertEquals(1, after.size(), "one new manager process");
        Queue<Integer> q = m.queue();
        BlockedTake blocked = new BlockedTake(q);
        Process server = dev.mp4j.Multiprocessing.activeChildren().stream()
                .filter(p -> after.contains(p.pid())).findFirst().orElseThrow();
        server.kill();
        Throwable failure = blocked.failure(Duration.ofSeconds(2));
        assertInstanceOf(MpException.class, failure, "a take on a killed manager must fail within two seconds");
        assertTrue(failure.getMessage().contains(m.address()));
        m.close();
    }

    @Test
    void aManagerServedInThisJvmIsReachedByAnUnrelatedJvmWithItsKey() throws Exception {
        assumeChildJvms("an unrelated JVM that names the transport");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, Object> shared = new LinkedHashMap<>();
        try (Manager served = Managers.serve(ManagerOptions.create().address("tcp://127.0.0.1:0").authkey(key)
                .expose("shared", shared))) {
            assertTrue(served.address().startsWith("tcp://127.0.0.1:"), served.address());
            try (PeerJvm peer = PeerJvm.startRoot(transport(), ManagerPeer.class,
                    List.of(served.address(), HexFormat.of().formatHex(key), "hello"))) {
                assertEquals("hello", peer.awaitReport("put", Duration.ofSeconds(60)).strip());
            }
            byte[] wrong = key.clone();
            wrong[0] ^= 1;
            try (PeerJvm peer = PeerJvm.startRoot(transport(), ManagerPeer.class,
                    List.of(served.address(), HexFormat.of().formatHex(wrong), "bad"))) {
                String refusal = peer.awaitReport("refused", Duration.ofSeconds(60));
                assertTrue(refusal.contains("authkey"), refusal);
            }
            assertThrows(AuthenticationException.class, () -> Managers.connect(served.address(), wrong));
            try (Manager again = Managers.connect(served.address(), key)) {
                assertEquals("hello", again.get("shared", Map.class).get("peer"), "the server went on serving");
                assertThrows(NoSuchElementException.class, () -> again.get("nothing", Map.class));
                assertThrows(ClassCastException.class, () -> again.get("shared", List.class));
            }
            assertEquals("hello", shared.get("peer"), "an exposed object is the serving JVM's own");
        }
    }

    @Test
    void aManagerServesOnAUnixSocketItNames() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mp4j-test-manager");
        String address = "unix:" + dir.resolve("socket");
        try (Manager served = Managers.serve(ManagerOptions.create().address(address).authkey(key))) {
            assertEquals(address, served.address());
            Map<String, Integer> d = served.dict();
            try (Manager client = Managers.connect(address, key)) {
                Namespace ns = client.namespace();
                ns.set("x", 1);
                assertEquals(1, (Integer) ns.get("x"));
            }
            run(mp().process(() -> d.put("child", 1)));
            assertEquals(Map.of("child", 1), d, "a child gets the keys its parent knows, over its private channel");
        } finally {
            java.nio.file.Files.deleteIfExists(dir.resolve("socket"));
            java.nio.file.Files.deleteIfExists(dir);
        }
    }

    @Test
    void aMalformedAddressSaysWhatAnAddressIs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Managers.connect("localhost:5000", new byte[] {1}));
        assertTrue(e.getMessage().contains("tcp://HOST:PORT"), e.getMessage());
        MpException nobody = assertThrows(MpException.class,
                () -> Managers.connect("unix:/nonexistent/mp4j-test-socket", new byte[] {1}));
        assertTrue(nobody.getMessage().contains("unix:/nonexistent/mp4j-test-socket"), nobody.getMessage());
    }
}
