package dev.mp4j.examples;

import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Pool;

import java.util.List;

/**
 * A pool of five worker processes squares three numbers: Python's first {@code multiprocessing} example.
 * <pre>{@code
 * from multiprocessing import Pool
 *
 * def f(x):
 *     return x*x
 *
 * if __name__ == '__main__':
 *     with Pool(5) as p:
 *         print(p.map(f, [1, 2, 3]))
 * }</pre>
 * It prints {@code [1, 4, 9]}. {@code try}-with-resources closes the pool: it lets the workers finish,
 * then waits for them ({@code shutdown()} then {@code join()}).
 */
public final class PoolMap {
    private PoolMap() {}

    static int f(int x) {
        return x * x;
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        Context mp = Multiprocessing.context();
        try (Pool p = mp.pool(5)) {
            List<Integer> squares = p.map(PoolMap::f, List.of(1, 2, 3));
            System.out.println(squares);
            if (!squares.equals(List.of(1, 4, 9))) {
                throw new IllegalStateException("wrong squares " + squares);
            }
        }
    }
}
