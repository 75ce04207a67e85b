package dev.mp4j.examples;

import dev.mp4j.AsyncResult;
import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Pool;
import dev.mp4j.SerializableCallable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code apply_async} with a callback, a result waited for with a timeout, {@code imap}, and the same pool as
 * an {@link ExecutorService}: Python's pool example, in short.
 * <pre>{@code
 * from multiprocessing import Pool
 *
 * def f(x):
 *     return x*x
 *
 * if __name__ == '__main__':
 *     results = []
 *     with Pool(processes=4) as pool:
 *         for i in range(10):
 *             pool.apply_async(f, (i,), callback=results.append)
 *         res = pool.apply_async(f, (20,))
 *         print(res.get(timeout=1))              # 400
 *         print(list(pool.imap(f, range(10))))   # [0, 1, 4, ..., 81]
 *         pool.close()
 *         pool.join()
 *     print(sorted(results))                     # [0, 1, 4, ..., 81]
 * }</pre>
 * Callbacks run in this JVM, on the pool's result thread, so {@code results} must be safe to add to from
 * another thread.
 */
public final class PoolApplyAsync {
    private PoolApplyAsync() {}

    static int f(int x) {
        return x * x;
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws Exception if a task failed or took too long
     */
    public static void main(String[] args) throws Exception {
        Context mp = Multiprocessing.context();
        List<Integer> results = Collections.synchronizedList(new ArrayList<>());
        List<Integer> expected = IntStream.range(0, 10).map(PoolApplyAsync::f).boxed().toList();
        try (Pool pool = mp.pool(4)) {
            for (int i = 0; i < 10; i++) {
                int x = i;
                pool.applyAsync(() -> f(x), results::add, Throwable::printStackTrace);
            }
            AsyncResult<Integer> res = pool.applyAsync(() -> f(20));
            System.out.println(res.get(10, TimeUnit.SECONDS));              // 400

            List<Integer> mapped = new ArrayList<>();
            Iterator<Integer> it = pool.imap(PoolApplyAsync::f, IntStream.range(0, 10).boxed().toList());
            it.forEachRemaining(mapped::add);
            System.out.println(mapped);

            ExecutorService executor = pool.asExecutorService();            // java.util.concurrent, too
            Future<Long> pid = executor.submit((SerializableCallable<Long>) () -> ProcessHandle.current().pid());
            System.out.println("a worker's pid: " + pid.get() + " (ours: " + ProcessHandle.current().pid() + ")");

            pool.shutdown();
            pool.join();
            if (!mapped.equals(expected) || res.get() != 400) {
                throw new IllegalStateException("wrong results " + mapped);
            }
        }
        List<Integer> sorted = new ArrayList<>(results);
        Collections.sort(sorted);
        System.out.println(sorted);
        if (!sorted.equals(expected)) {
            throw new IllegalStateException("callbacks delivered " + sorted);
        }
    }
}
