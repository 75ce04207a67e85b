import dev.mp4j.Multiprocessing;
import dev.mp4j.Pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The same I/O-bound job two ways: 1,000 calls that each wait 20 ms for an answer (a stand-in for an HTTP request or
 * a database query), first on a pool of worker processes, then on virtual threads in this JVM. Needs JDK 21+:
 *
 * <pre>
 * mvn -q install -DskipTests
 * mvn -q -pl examples dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * javac --release 21 -cp "$(cat /tmp/cp.txt)" -d /tmp/iobound examples/jdk21/IoBoundJobs.java
 * java -cp "/tmp/iobound:$(cat /tmp/cp.txt)" IoBoundJobs
 * </pre>
 *
 * Compiled to a folder, not run as a source file: the pool's workers are other JVMs, and load the class that holds
 * the function from the class path.
 */
public class IoBoundJobs {
    static final int CALLS = 1_000;
    static final long WAIT_MILLIS = 20;

    /** The call: waits for an answer, as a blocking client does, and returns it. */
    static int call(int i) throws InterruptedException {
        Thread.sleep(WAIT_MILLIS);
        return i;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> inputs = IntStream.range(0, CALLS).boxed().toList();

        try (Pool pool = Multiprocessing.context().pool()) {             // one worker process per CPU
            pool.map(IoBoundJobs::call, List.of(0));                     // the workers are up and warm
            long t0 = System.nanoTime();
            List<Integer> results = pool.map(IoBoundJobs::call, inputs, 1);
            report("process pool, " + Multiprocessing.cpuCount() + " workers", t0, results);
        }

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long t0 = System.nanoTime();
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i : inputs) {
                futures.add(threads.submit(() -> call(i)));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : futures) {
                results.add(f.get());
            }
            report("virtual threads", t0, results);
        }
    }

    private static void report(String how, long t0, List<Integer> results) {
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (results.size() != CALLS || results.get(CALLS - 1) != CALLS - 1) {
            throw new AssertionError("lost results");
        }
        System.out.printf("%-28s %,6d ms for %,d calls of %d ms%n", how, took.toMillis(), CALLS, WAIT_MILLIS);
    }
}
