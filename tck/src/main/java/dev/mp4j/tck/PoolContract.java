package dev.mp4j.tck;

import dev.mp4j.AsyncResult;
import dev.mp4j.Event;
import dev.mp4j.MpException;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Pool;
import dev.mp4j.PoolOptions;
import dev.mp4j.RemoteException;
import dev.mp4j.SerializableCallable;
import dev.mp4j.SerializableFunction;
import dev.mp4j.SharedInt;
import dev.mp4j.SharedLong;
import dev.mp4j.WorkerLostException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Pool} across real worker processes. One pool of two workers serves the tests that leave it usable
 * (which is itself checked); tests of start-up, shutdown and death make their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PoolContract extends TransportContract {
    private Pool shared;

    /** Set in a worker by the initializer of {@link #initializerRunsOnceInEveryWorkerBeforeItsFirstTask}. */
    static volatile String initialized;

    @BeforeAll
    @org.junit.jupiter.api.Timeout(120)
    void startSharedPool() {
        shared = mp().pool(2);
    }

    @AfterAll
    @org.junit.jupiter.api.Timeout(120)
    void stopSharedPool() throws InterruptedException {
        if (shared != null) {
            shared.close();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Multiprocessing.activeChildren().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "left running: " + Multiprocessing.activeChildren());
            Thread.sleep(20);
        }
    }

    /** The shared pool's workers, and those that replace them, run until the class is done. */
    @Override
    protected boolean mayOutliveTheTest(dev.mp4j.Process p) {
        return p.name().startsWith("PoolWorker-") && sharedWorkerPids().contains(p.pid());
    }

    private Set<Long> sharedWorkerPids() {
        try {
            return new HashSet<>(shared.map(x -> ProcessHandle.current().pid(), List.of(1, 2, 3, 4, 5, 6), 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }

    static final class Boom extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        Boom(String message) {
            super(message);
        }
    }

    /** Serializes, but fails to deserialize: it stands for an exception class the caller cannot read. */
    static final class Unreadable extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }

        @Serial
        private void readObject(ObjectInputStream in) throws IOException {
            throw new IOException("this exception cannot be read back");
        }
    }

    /** A result the worker writes and the caller cannot read for want of memory, as a huge result would. */
    static final class TooBigToRead implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private void readObject(ObjectInputStream in) {
            throw new OutOfMemoryError("simulated: no heap left to read this result");
        }
    }

    static int square(int x) {
        return x * x;
    }

    @Test
    void applyRunsInAWorkerProcessNamedPoolWorker() throws InterruptedException {
        if (!processesAreThreads()) {
            long pid = shared.apply(() -> ProcessHandle.current().pid());
            assertNotEquals(ProcessHandle.current().pid(), pid);
        }
        String name = shared.apply(() -> Multiprocessing.currentProcess().name());
        assertTrue(name.startsWith("PoolWorker-"), name);
        assertTrue(Multiprocessing.currentProcess().name().equals("MainProcess"));
    }

    @Test
    void aTaskExceptionArrivesWithItsTypeMessageAndRemoteStackTrace() throws InterruptedException {
        RemoteException e = assertThrows(RemoteException.class, () -> shared.apply(() -> {
            throw new Boom("bad input 42");
        }));
        Boom cause = assertInstanceOf(Boom.class, e.getCause());
        assertEquals("bad input 42", cause.getMessage());
        assertTrue(cause.getStackTrace().length > 0);
        AsyncResult<Object> r = shared.applyAsync(() -> {
            throw new Boom("again");
        });
        ExecutionException ee = assertThrows(ExecutionException.class, r::get);
        assertInstanceOf(Boom.class, ee.getCause());
        assertTrue(r.ready());
        assertFalse(r.successful());
        assertEquals(4, shared.apply(() -> square(2)), "the pool goes on");
    }

    @Test
    void anExceptionThatCannotBeDeserializedArrivesAsText() {
        RemoteException e = assertThrows(RemoteException.class, () -> shared.apply(() -> {
            throw new Unreadable("secret sauce");
        }));
        assertNull(e.getCause());
        assertTrue(e.getMessage().contains("Unreadable") && e.getMessage().contains("secret sauce"), e.getMessage());
    }

    @Test
    void anUnserializableTaskOrResultFailsThatTaskOnly() throws InterruptedException {
        Object notSerializable = new Object();
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> shared.applyAsync(() -> notSerializable.hashCode()));
        assertTrue(bad.getMessage().contains("java.lang.Object"), bad.getMessage());
        RemoteException e = assertThrows(RemoteException.class, () -> shared.apply(Object::new));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals(9, shared.apply(() -> square(3)));
    }

    @Test
    void anUnserializableItemOfAMapFailsInTheCallerAndNamesItsPlace() throws InterruptedException {
        List<Object> items = new ArrayList<>(List.of(1, 2, 3, 4, 5));
        items.set(3, new Object());
        for (int chunksize : new int[] {1, 2, 5}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> shared.map(Object::hashCode, items, chunksize));
            assertTrue(e.getMessage().startsWith("item 3 of the input cannot be serialized"), e.getMessage());
            assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> shared.mapAsync(Object::hashCode, items, chunksize));
        }
        Iterator<Object> it = shared.imap(x -> x, items, 1);
        assertEquals(List.of(1, 2, 3), List.of(it.next(), it.next(), it.next()));
        IllegalArgumentException lazily = assertThrows(IllegalArgumentException.class, it::next);
        assertTrue(lazily.getMessage().contains("java.lang.Object"), lazily.getMessage());
        assertFalse(it.hasNext(), "the input ends at the item that cannot be sent");
        assertEquals(List.of(1, 2), shared.map(x -> x, List.of(1, 2)), "the pool goes on");
    }

    @Test
    void aResultThatCannotBeReadForWantOfMemoryFailsItsTaskInsteadOfHanging() throws Exception {
        AsyncResult<TooBigToRead> r = shared.applyAsync(TooBigToRead::new);
        r.await(Duration.ofSeconds(60));
        assertTrue(r.ready(), "the result was dropped: its caller would wait forever");
        ExecutionException e = assertThrows(ExecutionException.class, r::get);
        RemoteException remote = assertInstanceOf(RemoteException.class, e.getCause());
        assertInstanceOf(OutOfMemoryError.class, remote.getCause());
        assertEquals(16, shared.apply(() -> square(4)), "the pool goes on");
    }

    @Test
    void aPoolCannotBeSentToAnotherProcess() {
        Pool pool = shared;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mp().process(() -> pool.apply(() -> 1)).start());
        assertTrue(e.getMessage().contains("Pool cannot be sent"), e.getMessage());
    }

    @Test
    void callbacksRunHereAndAThrowingCallbackDoesNotStopDelivery() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        AtomicReference<String> thread = new AtomicReference<>();
        List<Object> seen = new CopyOnWriteArrayList<>();
        shared.applyAsync(() -> 1, v -> {
            both.countDown();
            throw new IllegalStateException("a careless callback");
        }, null);
        AsyncResult<Integer> second = shared.applyAsync(() -> 2, v -> {
            thread.set(Thread.currentThread().getName());
            seen.add(v);
            both.countDown();
        }, null);
        AtomicReference<Throwable> error = new AtomicReference<>();
        CountDownLatch failed = new CountDownLatch(1);
        shared.applyAsync(() -> {
            throw new Boom("for the error callback");
        }, null, t -> {
            error.set(t);
            failed.countDown();
        });
        assertTrue(both.await(30, TimeUnit.SECONDS));
        assertTrue(failed.await(30, TimeUnit.SECONDS));
        assertEquals(2, second.get());
        assertEquals(List.of(2), seen);
        assertTrue(thread.get().contains("pool"), thread.get());
        assertInstanceOf(Boom.class, error.get());
    }

    @Test
    void aCallbackThatWaitsForThePoolIsRefusedInsteadOfHanging() throws Exception {
        AtomicReference<Throwable> refused = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Pool pool = shared;
        pool.applyAsync(() -> 1, v -> {
            try {
                pool.apply(() -> 2);
            } catch (Throwable t) {
                refused.set(t);
            }
            done.countDown();
        }, null);
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, refused.get());
        assertEquals(3, pool.apply(() -> 3));
    }

    @Test
    void mapKeepsInputOrderWithAnyChunksize() throws InterruptedException {
        List<Integer> in = IntStream.range(0, 10_000).boxed().toList();
        List<Integer> expected = in.stream().map(PoolContract::square).toList();
        assertEquals(expected, shared.map(PoolContract::square, in));
        assertEquals(expected, shared.map(PoolContract::square, in, 1_000));
        assertEquals(expected, shared.map(PoolContract::square, in, 7));
        assertEquals(List.of(), shared.map(PoolContract::square, List.<Integer>of()));
        AsyncResult<List<Integer>> async = shared.mapAsync(PoolContract::square, in, 100);
        assertEquals(expected, async.toCompletableFuture().join());
    }

    @Test
    void aFunctionThatCapturesAQueueWorksInEveryWorkerThatDecodesIt() throws InterruptedException {
        dev.mp4j.Queue<Integer> out = mp().queue();
        List<Integer> in = IntStream.range(0, 200).boxed().toList();
        // one encoding of the function, and of the queue in it, goes to each worker that runs a chunk
        SerializableFunction<Integer, String> fn = x -> {
            out.offer(x);
            return Multiprocessing.currentProcess().name();
        };
        Set<String> workers = new HashSet<>(shared.map(fn, in, 1));
        assertFalse(workers.isEmpty());
        Set<Integer> got = new HashSet<>();
        for (int i = 0; i < in.size(); i++) {
            Integer x = out.poll(Duration.ofSeconds(30));
            assertNotNull(x, "only " + i + " of " + in.size() + " items arrived, from " + workers);
            got.add(x);
        }
        assertEquals(new HashSet<>(in), got);
    }

    @Test
    void aFunctionThatCapturesAPipeEndWorksInEveryWorkerThatDecodesIt() throws InterruptedException {
        dev.mp4j.Pipe pipe = mp().pipe(false);
        dev.mp4j.Connection out = pipe.right();
        List<Integer> in = IntStream.range(0, 200).boxed().toList();
        // one encoding of the function, and of the end in it, goes to each worker that runs a chunk
        SerializableFunction<Integer, String> fn = x -> {
            out.send(x);
            return Multiprocessing.currentProcess().name();
        };
        Set<String> workers = new HashSet<>(shared.map(fn, in, 1));
        Set<Integer> got = new HashSet<>();
        for (int i = 0; i < in.size(); i++) {
            assertTrue(pipe.left().poll(Duration.ofSeconds(30)),
                    "only " + i + " of " + in.size() + " messages arrived, from " + workers);
            got.add(pipe.left().recv());
        }
        assertEquals(new HashSet<>(in), got);
        pipe.left().close();
        out.close();
    }

    @Test
    void mapFailsWithTheFirstFailureInInputOrder() {
        List<Integer> in = IntStream.range(0, 100).boxed().toList();
        RemoteException e = assertThrows(RemoteException.class, () -> shared.map(x -> {
            if (x == 17 || x == 80) {
                throw new Boom("item " + x);
            }
            return x;
        }, in, 10));
        assertEquals("item 17", e.getCause().getMessage());
    }

    @Test
    void imapIsOrderedAndImapUnorderedGivesEveryResult() {
        List<Integer> in = IntStream.range(0, 500).boxed().toList();
        List<Integer> ordered = new ArrayList<>();
        shared.<Integer, Integer>imap(PoolContract::square, in, 13).forEachRemaining(ordered::add);
        assertEquals(in.stream().map(PoolContract::square).toList(), ordered);
        Set<Integer> unordered = new HashSet<>();
        Iterator<Integer> it = shared.imapUnordered(PoolContract::square, in);
        it.forEachRemaining(unordered::add);
        assertEquals(new HashSet<>(ordered), unordered);
    }

    /**
     * Issue 14's workload, [3000 ms, 200 ms × 5] on two workers: the short tasks must not wait behind the long one
     * while the other worker is idle. Here the long one waits for an event this test sets only once every short
     * result is in, so a pool that lets them wait fails instead of being merely slow; the long one gives up after
     * 20 s, which a correct pool never reaches.
     */
    @Test
    void anIdleWorkerTakesTheJobsQueuedBehindALongOne() throws Exception {
        Event shortOnesDone = mp().event();
        Iterator<Integer> it = shared.imapUnordered(ms -> sleepOrAwait(ms, shortOnesDone),
                List.of(3000, 200, 200, 200, 200, 200), 1);
        List<Integer> finished = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            finished.add(it.next());
        }
        shortOnesDone.set();
        finished.add(it.next());
        assertEquals(List.of(200, 200, 200, 200, 200, -3000), finished,
                "the five short tasks end while the long one runs, which then sees the event set (-3000)");
        assertFalse(it.hasNext());
    }

    /** The long task returns its negation if the event was set while it waited, else itself. */
    private static int sleepOrAwait(int ms, Event longOneMayEnd) {
        try {
            if (ms > 1000) {
                return longOneMayEnd.await(Duration.ofSeconds(20)) ? -ms : ms;
            }
            Thread.sleep(ms);
            return ms;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFunctionMayThrowACheckedExceptionWhichFailsItsItemOnly() throws Exception {
        RemoteException e = assertThrows(RemoteException.class, () -> shared.map(x -> {
            if (x == 3) {
                throw new IOException("cannot read item " + x);
            }
            return x;
        }, List.of(1, 2, 3, 4), 1));
        assertEquals("cannot read item 3", assertInstanceOf(IOException.class, e.getCause()).getMessage());
        assertEquals(List.of(2, 4), shared.map(x -> x * 2, List.of(1, 2), 1), "the pool goes on");
    }

    @Test
    void completableFutureSupplyAsyncOnThePoolsExecutorFailsAndSaysWhatToUse() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> java.util.concurrent.CompletableFuture.supplyAsync(() -> 1, shared.asExecutorService()));
        assertTrue(e.getMessage().contains("applyAsync(task).toCompletableFuture()"), e.getMessage());
        assertEquals(1, shared.applyAsync(() -> 1).toCompletableFuture().get(60, TimeUnit.SECONDS));
    }

    @Test
    void imapOfAnEndlessInputReadsItLazily() {
        AtomicInteger pulled = new AtomicInteger();
        Iterable<Integer> endless = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return pulled.getAndIncrement();
            }
        };
        Iterator<Integer> it = shared.imap(x -> x + 1, endless, 100);
        for (int i = 0; i < 20_000; i++) {
            assertEquals(i + 1, it.next());
        }
        int ahead = pulled.get() - 20_000;
        assertTrue(ahead <= 100 * 2 * 10, "read " + ahead + " items ahead of the caller: more than ten chunks a worker");
    }

    @Test
    void anInputIteratorExceptionSurfacesAsItselfInPlace() throws InterruptedException {
        IllegalStateException thrown = new IllegalStateException("input broke at 5");
        Iterable<Integer> broken = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (i == 5) {
                    throw thrown;
                }
                return i++;
            }
        };
        Iterator<Integer> it = shared.imap(PoolContract::square, broken, 2);
        for (int i = 0; i < 5; i++) {
            assertEquals(i * i, it.next());
        }
        assertSame(thrown, assertThrows(IllegalStateException.class, it::next));
        assertFalse(it.hasNext());
        assertEquals(16, shared.apply(() -> square(4)), "the pool stays usable");
    }

    @Test
    void aKilledWorkerFailsItsTaskWithWorkerLostAndIsReplaced() throws Exception {
        assumeChildJvms("kill -9 of a worker");
        try (Pool pool = mp().pool(2)) {
            SharedLong victim = mp().sharedLong(0);
            AsyncResult<Object> r = pool.applyAsync(() -> {
                victim.set(ProcessHandle.current().pid());
                Thread.sleep(60_000);
                return null;
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (victim.get() == 0) {
                assertTrue(System.nanoTime() < deadline);
                Thread.sleep(5);
            }
            ProcessHandle.of(victim.get()).orElseThrow().destroyForcibly();
            long t0 = System.nanoTime();
            ExecutionException e = assertThrows(ExecutionException.class, () -> r.get(10, TimeUnit.SECONDS));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertInstanceOf(WorkerLostException.class, e.getCause());
            assertTrue(ms < slack(1_500), "noticed after " + ms + " ms");
            RemoteException halted = assertThrows(RemoteException.class, () -> pool.apply(() -> {
                Runtime.getRuntime().halt(3);
                return null;
            }));
            assertInstanceOf(WorkerLostException.class, halted.getCause());
            Set<Long> pids = new HashSet<>(pool.map(x -> ProcessHandle.current().pid(), List.of(1, 2, 3, 4), 1));
            assertFalse(pids.contains(victim.get()));
            assertEquals(List.of(1, 4, 9), pool.map(PoolContract::square, List.of(1, 2, 3)));
        }
    }

    @Test
    void aWorkerThatFailsToStartFailsTheConstructorAndLeavesNoProcess() {
        MpException e = assertThrows(MpException.class, () -> mp().pool(PoolOptions.of(2).withInitializer(() -> {
            throw new Boom("no database");
        })));
        assertTrue(e.getMessage().contains("no database"), e.getMessage());
    }

    @Test
    void initializerRunsOnceInEveryWorkerBeforeItsFirstTask() throws InterruptedException {
        SharedInt runs = mp().sharedInt(0);
        try (Pool pool = mp().pool(PoolOptions.of(2).withInitializer(() -> {
            runs.incrementAndGet();
            initialized = "yes";
        }))) {
            assertEquals(2, runs.get());
            assertEquals(List.of("yes", "yes", "yes", "yes"), pool.map(x -> initialized, List.of(1, 2, 3, 4), 1));
            assertEquals(2, runs.get());
        }
    }

    @Test
    void maxTasksPerChildRecyclesWorkers() throws InterruptedException {
        try (Pool pool = mp().pool(PoolOptions.of(1).withMaxTasksPerChild(2))) {
            Set<String> workers = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                workers.add(pool.apply(() -> Multiprocessing.currentProcess().name()));
            }
            assertEquals(3, workers.size(), "workers: " + workers);
        }
    }

    @Test
    void badArgumentsAndMisuseFailClearly() throws InterruptedException {
        assertThrows(IllegalArgumentException.class, () -> mp().pool(0));
        assertThrows(IllegalArgumentException.class, () -> mp().pool(-1));
        assertThrows(IllegalArgumentException.class, () -> PoolOptions.of(1).withMaxTasksPerChild(0));
        assertThrows(IllegalArgumentException.class, () -> shared.map(x -> x, List.of(1), 0));
        assertThrows(IllegalArgumentException.class, () -> shared.imap(x -> x, List.of(1), 0));
        assertThrows(IllegalStateException.class, () -> shared.join());
        Pool pool = mp().pool(1);
        pool.shutdown();
        assertThrows(IllegalStateException.class, () -> pool.apply(() -> 1));
        assertThrows(IllegalStateException.class, () -> pool.map(x -> x, List.of(1)));
        pool.join();
        assertEquals(1, shared.apply(() -> 1));
    }

    @Test
    void terminateReturnsPromptlyAndCancelsWhatIsUnfinished() throws InterruptedException {
        Pool pool = mp().pool(1);
        AsyncResult<Object> slow = pool.applyAsync(() -> {
            Thread.sleep(60_000);
            return null;
        });
        AsyncResult<Object> queued = pool.applyAsync(() -> 1);
        Thread.sleep(200);
        long t0 = System.nanoTime();
        pool.terminate();
        pool.join();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < slack(5_000), "terminate and join took " + ms + " ms");
        assertThrows(CancellationException.class, slow::get);
        assertThrows(CancellationException.class, queued::get);
    }

    @Test
    void closeFinishesSubmittedWorkFirst() throws Exception {
        Pool pool = mp().pool(2);
        List<AsyncResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int x = i;
            results.add(pool.applyAsync(() -> {
                Thread.sleep(20);
                return x * 10;
            }));
        }
        pool.close();
        for (int i = 0; i < 10; i++) {
            assertEquals(i * 10, results.get(i).get(0, TimeUnit.SECONDS));
        }
    }

    @Test
    void asyncResultFollowsPython() throws Exception {
        AsyncResult<Integer> r = shared.applyAsync(() -> {
            Thread.sleep(300);
            return 5;
        });
        assertThrows(IllegalStateException.class, r::successful);
        r.await(Duration.ofMillis(10));
        assertFalse(r.ready());
        r.await(null);
        assertTrue(r.ready() && r.successful());
        assertEquals(5, r.toCompletableFuture().get());
    }

    /** Python's {@code Pool()}: as many workers as processors, all of them running at once. */
    @Test
    void aPoolWithNoSizeHasAWorkerPerProcessor() throws Exception {
        int n = Multiprocessing.cpuCount();
        Pool pool = mp().pool();
        try {
            dev.mp4j.Barrier all = mp().barrier(n);
            List<AsyncResult<String>> met = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                met.add(pool.applyAsync(() -> {
                    all.await(Duration.ofSeconds(60)); // passes only if n workers wait here at once
                    return Multiprocessing.currentProcess().name();
                }));
            }
            Set<String> workers = new HashSet<>();
            for (AsyncResult<String> r : met) {
                workers.add(r.get(120, TimeUnit.SECONDS));
            }
            assertEquals(n, workers.size(), "one worker per processor");
        } finally {
            pool.terminate();
            pool.join();
        }
    }

    @Test
    void cancelSucceedsUntilTheResultIsReadyAndThePoolGoesOn() throws Exception {
        Pool pool = mp().pool(1);
        try {
            dev.mp4j.Queue<String> started = mp().queue();
            AsyncResult<String> running = pool.applyAsync(() -> {
                started.put("running");
                Thread.sleep(1_000);
                return "ran";
            });
            AsyncResult<String> queued = pool.applyAsync(() -> "queued ran");
            assertEquals("running", started.poll(Duration.ofSeconds(60)));
            assertTrue(queued.cancel(false), "a result not ready yet can be cancelled");
            assertTrue(queued.isCancelled() && queued.isDone() && queued.ready());
            assertThrows(CancellationException.class, queued::get);
            assertTrue(running.cancel(true), "a running task's result can be cancelled: the task runs on");
            assertThrows(CancellationException.class, running::get);
            queued.cancel(true);
            assertTrue(queued.isCancelled(), "a second cancel changes nothing");

            AsyncResult<String> done = pool.applyAsync(() -> "done");
            assertEquals("done", done.get(60, TimeUnit.SECONDS), "the pool goes on after cancels");
            assertFalse(done.cancel(true), "a ready result cannot be cancelled");
            assertFalse(done.isCancelled());
            assertEquals("done", done.get());
        } finally {
            pool.terminate();
            pool.join();
        }
    }

    @Test
    void theExecutorServiceRunsSerializableTasksInTheWorkers() throws Exception {
        ExecutorService ex = shared.asExecutorService();
        Future<String> worker = ex.submit((Callable<String> & Serializable) () -> Multiprocessing.currentProcess().name());
        assertTrue(worker.get().startsWith("PoolWorker-"), worker.get());
        assertThrows(IllegalArgumentException.class, () -> ex.submit(() -> 1));
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int x = i;
            tasks.add((SerializableCallable<Integer>) () -> square(x));
        }
        List<Integer> all = new ArrayList<>();
        for (Future<Integer> f : ex.invokeAll(tasks)) {
            all.add(f.get());
        }
        assertEquals(List.of(0, 1, 4, 9, 16), all);
        int any = ex.invokeAny(List.of((SerializableCallable<Integer>) () -> {
            throw new Boom("first fails");
        }, (SerializableCallable<Integer>) () -> 7));
        assertEquals(7, any);
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> ex.submit((SerializableCallable<Integer>) () -> {
                    throw new Boom("via a future");
                }).get());
        assertInstanceOf(Boom.class, failed.getCause());
        assertFalse(ex.isShutdown());

        ExecutorService own = mp().pool(1).asExecutorService();
        Future<?> ran = own.submit((Runnable & Serializable) () -> { });
        assertNull(ran.get());
        own.shutdown();
        assertTrue(own.isShutdown());
        assertTrue(own.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(own.isTerminated());
        assertThrows(java.util.concurrent.RejectedExecutionException.class,
                () -> own.submit((SerializableCallable<Integer>) () -> 1));
    }
}
