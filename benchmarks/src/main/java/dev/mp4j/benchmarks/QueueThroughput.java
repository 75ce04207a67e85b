package dev.mp4j.benchmarks;

import dev.mp4j.Connection;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.Context;
import dev.mp4j.Pipe;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.Task;
import dev.mp4j.transport.chronicle.ChronicleTransportProvider;
import dev.mp4j.transport.chronicle.DurableQueues;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Messages per second through one {@link Queue}, between peer JVMs: Python's {@code queue_1to1_int},
 * {@code queue_1to1_1k}, {@code queue_2to2_int} and {@code queue_2to2_1k}, with the same N and the same topology.
 *
 * <ul>
 *   <li><b>1→1</b>: one producer peer puts the ints 0..N-1 (or N times the 1 KiB payload), no sentinel; the
 *       benchmark thread (the parent, as in Python) takes exactly N and checks the last one.</li>
 *   <li><b>2→2</b>: two producer peers each put N/2 items and then one sentinel; two consumer peers take until
 *       their first sentinel and report {@code (id, count, t_end)} on a result queue; the parent checks that the
 *       counts add up to N.</li>
 * </ul>
 *
 * <p>Start-up is not measured: the peers are started once per trial and wait for a "go" word on their own pipe
 * before each round (Python starts new processes per repetition but also excludes their start-up, with
 * ready/start Events). One invocation = one Python repetition: it sends the go words (Python: {@code start.set()})
 * and returns when the parent has taken its N-th item (1→1) or has both consumers' reports (2→2; Python ends
 * the clock at the later consumer's {@code t_end}, one result-queue hop earlier). {@code @OperationsPerInvocation(N)}
 * makes each message one operation, so the score is <b>messages per second</b> (ops/s), the unit of Python's
 * table. Each iteration runs back-to-back rounds for about its time (the last round runs to its end and is
 * counted). For one round per iteration instead, run with {@code -bm ss -tu us}: the score is then µs per
 * message (1e6 / score = msg/s).
 *
 * <p>Where the items go depends on the transport ({@code -jvmArgsAppend -Dmp4j.transport=NAME}). On {@code shm},
 * the default, the queue is a ring in shared memory that every peer appends to and takes from directly. On
 * {@code netty} the queue lives in the parent, the process that created it: in 1→1 the consumer takes locally and
 * the producer's puts cross one link; in 2→2 every take of a consumer peer is a call to the parent and back.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class QueueThroughput {
    /** Python's QUEUE_1TO1_INT_N. */
    static final int N_1TO1_INT = 200_000;
    /** Python's QUEUE_1TO1_1K_N. */
    static final int N_1TO1_1K = 50_000;
    /** Python's QUEUE_2TO2_INT_N: the total over both producers. */
    static final int N_2TO2_INT = 200_000;
    /** Python's QUEUE_2TO2_1K_N: the total over both producers. */
    static final int N_2TO2_1K = 50_000;

    /** The 2→2 producers' sentinel (Python puts None; an mp4j Queue refuses null): a 4-byte message, as small. */
    static final String SENTINEL = "END";

    /** What a peer says on its go pipe once it is ready (Python: its ready Event). */
    static final String READY = "ready";

    /** What the producers put. */
    enum Kind {
        /** The ints 0, 1, ..., n-1, in that order. */
        INT,
        /** Python's PAYLOAD_1K, the same array every time, encoded again by every put. */
        KIB;

        Object item(int i) {
            return this == INT ? (Object) i : Peers.PAYLOAD_1K;
        }
    }

    // ---- peer tasks: static, so that the serializable lambdas capture only what they use

    /**
     * Python's {@code _producer}, once per go word: {@code go} brings the number of items to put (null: stop).
     * With {@code sentinel}, one {@link #SENTINEL} follows the items.
     */
    static Task producer(Queue<Object> q, Kind kind, boolean sentinel, Connection go) {
        return () -> {
            try (go) {
                go.send(READY);
                while (true) {
                    Integer n = go.recv();
                    if (n == null) {
                        return;
                    }
                    for (int i = 0; i < n; i++) {
                        q.put(kind.item(i));
                    }
                    if (sentinel) {
                        q.put(SENTINEL);
                    }
                }
            } catch (ConnectionClosedException parentGone) {
                // no more rounds
            } finally {
                q.close();     // flushes this peer's puts before it ends
            }
        };
    }

    /**
     * Python's {@code _consumer}, once per go word (null: stop): takes until the first sentinel, counting the
     * other items, then puts {@code {id, count, t_end}} on {@code results}. The go word keeps a consumer that
     * finished its round from taking the next round's items (Python's consumer simply ends).
     */
    static Task consumer(Queue<Object> q, Queue<long[]> results, int id, Connection go) {
        return () -> {
            try (go) {
                go.send(READY);
                while (go.recv() != null) {
                    long count = 0;
                    while (!(q.take() instanceof String)) {
                        count++;
                    }
                    long tEnd = System.nanoTime();   // CLOCK_MONOTONIC, as Python's time.monotonic_ns()
                    results.put(new long[] {id, count, tEnd});
                }
            } catch (ConnectionClosedException parentGone) {
                // no more rounds
            } finally {
                results.close();
            }
        };
    }

    /** A peer and the parent's end of its go pipe. */
    record Peer(Process process, Connection go) {
        static Peer start(Context ctx, String name, Function<Connection, Task> task) {
            Pipe pipe = ctx.pipe(true);
            Connection peerEnd = pipe.right();
            Process p = Peers.start(ctx, name, task.apply(peerEnd));
            peerEnd.close();
            return new Peer(p, pipe.left());
        }

        /** Python's {@code _wait_all(ready)}: the peer has decoded its task, attached its queues and pipe. */
        void awaitReady() throws InterruptedException {
            if (!go.poll(Peers.READY_TIMEOUT)) {
                throw new IllegalStateException(process.name() + " was not ready within " + Peers.READY_TIMEOUT);
            }
            Object word = go.recv();
            if (!READY.equals(word)) {
                throw new IllegalStateException(process.name() + " said " + word + " instead of " + READY);
            }
        }
    }

    /** Waits until every peer is ready (their JVMs start in parallel, each within {@link Peers#READY_TIMEOUT}). */
    static void awaitReady(Peer... peers) throws InterruptedException {
        for (Peer p : peers) {
            p.awaitReady();
        }
    }

    /** Stops every peer (even when one fails to stop) and rethrows the first failure. */
    /** Stops the peers, then checks that every item of the rounds was consumed. */
    static void stopAndCheckDrained(Queue<?> q, Peer... peers) throws InterruptedException {
        stopAll(peers);
        if (q != null && !q.isEmpty()) {
            throw new IllegalStateException(q.size() + " items left in the queue");
        }
    }

    static void stopAll(Peer... peers) throws InterruptedException {
        for (Peer p : peers) {
            if (p != null) {
                Peers.sendStop(p.go());
            }
        }
        Throwable first = null;
        for (Peer p : peers) {
            if (p == null) {
                continue;
            }
            try {
                Peers.stop(p.process());
            } catch (RuntimeException | InterruptedException e) {
                if (first == null) {
                    first = e;
                }
            } finally {
                Peers.close(p.go());
            }
        }
        if (first instanceof InterruptedException ie) {
            throw ie;
        }
        if (first != null) {
            throw (RuntimeException) first;
        }
    }

    /** JMH runs no teardown after a failed setup: stop what was started, then rethrow. */
    static void failedStart(Exception e, Peer... started) throws InterruptedException {
        try {
            stopAll(started);
        } catch (RuntimeException | InterruptedException suppressed) {
            e.addSuppressed(suppressed);
        }
        if (e instanceof InterruptedException ie) {
            throw ie;
        }
        throw (RuntimeException) e;
    }

    // ---- 1→1

    /** One producer peer; the benchmark thread consumes. */
    abstract static class OneToOne {
        // inherited by each concrete @State subclass: JMH runs superclass fixtures too
        @Setup(Level.Trial)
        public void setup() throws InterruptedException {
            start();
        }

        @TearDown(Level.Trial)
        public void teardown() throws InterruptedException {
            stop();
        }

        final Kind kind;
        final int n;
        Queue<Object> q;
        Peer producer;

        OneToOne(Kind kind, int n) {
            this.kind = kind;
            this.n = n;
        }

        /** The queue measured: a fresh one of the context's transport. */
        Queue<Object> makeQueue(Context ctx) {
            return ctx.queue();
        }

        void start() throws InterruptedException {
            Context ctx = Peers.context();
            q = makeQueue(ctx);
            try {
                producer = Peer.start(ctx, "producer", go -> producer(q, kind, false, go));
                awaitReady(producer);
            } catch (RuntimeException | InterruptedException e) {
                failedStart(e, producer);
            }
        }

        /**
         * One round: go, then take exactly n; checks the last item as Python does. (A timed poll rather than take,
         * only so that a dead producer fails the benchmark instead of hanging it.)
         */
        Object round() throws InterruptedException {
            producer.go().send(n);
            Object item = null;
            for (int i = 0; i < n; i++) {
                item = q.poll(Peers.READY_TIMEOUT);
                if (item == null) {
                    throw new IllegalStateException("no item " + i + " of " + n + " within " + Peers.READY_TIMEOUT);
                }
            }
            boolean ok = kind == Kind.INT ? Integer.valueOf(n - 1).equals(item)
                    : item instanceof byte[] b && Arrays.equals(b, Peers.PAYLOAD_1K);
            if (!ok) {
                throw new IllegalStateException("last item " + item + " is not the producer's last");
            }
            return item;
        }

        void stop() throws InterruptedException {
            stopAndCheckDrained(q, producer);
        }
    }

    @State(Scope.Benchmark)
    public static class OneToOneInt extends OneToOne {
        public OneToOneInt() {
            super(Kind.INT, N_1TO1_INT);
        }
    }

    @State(Scope.Benchmark)
    public static class OneToOneKib extends OneToOne {
        public OneToOneKib() {
            super(Kind.KIB, N_1TO1_1K);
        }
    }

    /**
     * 1→1 of ints through a durable queue ({@link DurableQueues}) in a fresh folder of the shared-memory folder's
     * file system; run with {@code -Dmp4j.transport=chronicle}, so that the producer peer opens it too. Compare with
     * Python's non-durable {@code queue_1to1_int}.
     */
    @State(Scope.Benchmark)
    public static class DurableOneToOneInt extends OneToOne {
        private Path folder;

        public DurableOneToOneInt() {
            super(Kind.INT, N_1TO1_INT);
        }

        @Override
        Queue<Object> makeQueue(Context ctx) {
            if (!ctx.transport().equals(ChronicleTransportProvider.NAME)) {
                throw new IllegalStateException("durable queues are measured on the chronicle transport: "
                        + "-jvmArgsAppend -Dmp4j.transport=chronicle");
            }
            try {
                folder = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "mp4j-bench-durable");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return DurableQueues.open(folder, "bench");
        }

        @Override
        void stop() throws InterruptedException {
            try {
                super.stop();
            } finally {
                q.close();
                deleteTree(folder);
            }
        }
    }

    static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- 2→2

    /** Two producer peers and two consumer peers on one queue; results come back on a second queue. */
    abstract static class TwoToTwo {
        // inherited by each concrete @State subclass: JMH runs superclass fixtures too
        @Setup(Level.Trial)
        public void setup() throws InterruptedException {
            start();
        }

        @TearDown(Level.Trial)
        public void teardown() throws InterruptedException {
            stop();
        }

        final Kind kind;
        final int n;
        Queue<Object> q;
        Queue<long[]> results;
        final Peer[] consumers = new Peer[2];
        final Peer[] producers = new Peer[2];

        TwoToTwo(Kind kind, int n) {
            this.kind = kind;
            this.n = n;
        }

        void start() throws InterruptedException {
            Context ctx = Peers.context();
            q = ctx.queue();
            results = ctx.queue();
            try {
                for (int c = 0; c < 2; c++) {
                    int id = c;
                    consumers[c] = Peer.start(ctx, "consumer-" + c, go -> consumer(q, results, id, go));
                }
                for (int p = 0; p < 2; p++) {
                    producers[p] = Peer.start(ctx, "producer-" + p, go -> producer(q, kind, true, go));
                }
                awaitReady(consumers[0], consumers[1], producers[0], producers[1]);
            } catch (RuntimeException | InterruptedException e) {
                failedStart(e, consumers[0], consumers[1], producers[0], producers[1]);
            }
        }

        /** One round: go to the consumers, then to the producers; waits for both consumers' reports. */
        long round() throws InterruptedException {
            for (Peer c : consumers) {
                c.go().send(1);
            }
            for (Peer p : producers) {
                p.go().send(n / 2);
            }
            long[] r0 = report();
            long[] r1 = report();
            long total = r0[1] + r1[1];
            if (total != 2L * (n / 2) || r0[0] == r1[0]) {
                throw new IllegalStateException("consumed " + total + " != " + n + " (reports " + Arrays.toString(r0)
                        + ", " + Arrays.toString(r1) + ")");
            }
            return total;
        }

        /** A consumer's report, with Python's timeout (60 s + 1 ms per item), so that a dead peer fails the run. */
        private long[] report() throws InterruptedException {
            Duration timeout = Peers.READY_TIMEOUT.plusMillis(n);
            long[] r = results.poll(timeout);
            if (r == null) {
                throw new IllegalStateException("no consumer report within " + timeout);
            }
            return r;
        }

        void stop() throws InterruptedException {
            stopAndCheckDrained(q, consumers[0], consumers[1], producers[0], producers[1]);
        }
    }

    @State(Scope.Benchmark)
    public static class TwoToTwoInt extends TwoToTwo {
        public TwoToTwoInt() {
            super(Kind.INT, N_2TO2_INT);
        }
    }

    @State(Scope.Benchmark)
    public static class TwoToTwoKib extends TwoToTwo {
        public TwoToTwoKib() {
            super(Kind.KIB, N_2TO2_1K);
        }
    }

    // ---- benchmarks: one operation = one message

    /** {@code queue_1to1_int}. */
    @Benchmark
    @OperationsPerInvocation(N_1TO1_INT)
    public Object oneToOne_int(OneToOneInt s) throws InterruptedException {
        return s.round();
    }

    /** {@code queue_1to1_1k}. */
    @Benchmark
    @OperationsPerInvocation(N_1TO1_1K)
    public Object oneToOne_1k(OneToOneKib s) throws InterruptedException {
        return s.round();
    }

    /** {@code queue_1to1_int} through a durable queue, on chronicle. */
    @Benchmark
    @OperationsPerInvocation(N_1TO1_INT)
    public Object durableOneToOne_int(DurableOneToOneInt s) throws InterruptedException {
        return s.round();
    }

    /** {@code queue_2to2_int}. */
    @Benchmark
    @OperationsPerInvocation(N_2TO2_INT)
    public long twoToTwo_int(TwoToTwoInt s) throws InterruptedException {
        return s.round();
    }

    /** {@code queue_2to2_1k}. */
    @Benchmark
    @OperationsPerInvocation(N_2TO2_1K)
    public long twoToTwo_1k(TwoToTwoKib s) throws InterruptedException {
        return s.round();
    }
}
