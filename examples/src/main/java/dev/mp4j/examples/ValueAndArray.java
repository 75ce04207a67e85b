package dev.mp4j.examples;

import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.SharedDouble;
import dev.mp4j.SharedIntArray;

import java.util.Arrays;

/**
 * A child writes a shared {@code double} and negates a shared {@code int} array; the parent sees both:
 * Python's shared-memory example.
 * <pre>{@code
 * from multiprocessing import Process, Value, Array
 *
 * def f(n, a):
 *     n.value = 3.1415927
 *     for i in range(len(a)):
 *         a[i] = -a[i]
 *
 * if __name__ == '__main__':
 *     num = Value('d', 0.0)
 *     arr = Array('i', range(10))
 *
 *     p = Process(target=f, args=(num, arr))
 *     p.start()
 *     p.join()
 *
 *     print(num.value)
 *     print(arr[:])
 * }</pre>
 * It prints {@code 3.1415927} and {@code [0, -1, -2, -3, -4, -5, -6, -7, -8, -9]}.
 */
public final class ValueAndArray {
    private ValueAndArray() {}

    static void f(SharedDouble n, SharedIntArray a) {
        n.set(3.1415927);
        for (int i = 0; i < a.length(); i++) {
            a.set(i, -a.get(i));
        }
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        Context mp = Multiprocessing.context();
        SharedDouble num = mp.sharedDouble(0.0);
        SharedIntArray arr = mp.sharedIntArrayOf(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

        Process p = mp.process(() -> f(num, arr));
        p.start();
        p.join();

        System.out.println(num.get());
        System.out.println(Arrays.toString(arr.toArray()));
        if (num.get() != 3.1415927 || arr.get(9) != -9) {
            throw new IllegalStateException("the child's writes did not arrive");
        }
    }
}
