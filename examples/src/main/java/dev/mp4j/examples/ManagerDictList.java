package dev.mp4j.examples;

import dev.mp4j.Context;
import dev.mp4j.Manager;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A manager process holds a dict and a list; a child changes them through proxies, and the parent sees the
 * changes.
 *
 * <p>In Python:
 * <pre>{@code
 * from multiprocessing import Process, Manager
 *
 * def f(d, l):
 *     d[1] = '1'
 *     d['2'] = 2
 *     d[0.25] = None
 *     l.reverse()
 *
 * if __name__ == '__main__':
 *     with Manager() as manager:
 *         d = manager.dict()
 *         l = manager.list(range(10))
 *         p = Process(target=f, args=(d, l))
 *         p.start()
 *         p.join()
 *         print(d)
 *         print(l)
 * }</pre>
 *
 * <p>Demonstrates:
 * <ul>
 *   <li>{@code Manager()} is {@link Context#manager()}, closed by try-with-resources as Python's {@code with};</li>
 *   <li>{@code manager.dict()} is a {@link Map} and {@code manager.list(range(10))} a {@link List}: the whole
 *       {@code java.util} interfaces, each call a round trip to the manager process;</li>
 *   <li>proxies captured by a task reach the same objects in the child;</li>
 *   <li>{@code toString} is the managed object's: a dict keeps insertion order, as Python's does.</li>
 * </ul>
 */
public final class ManagerDictList {
    private ManagerDictList() {}

    static void f(Map<Object, Object> d, List<Integer> l) {
        d.put(1, "1");
        d.put("2", 2);
        d.put(0.25, null);
        Collections.reverse(l);
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        Context mp = Multiprocessing.context();
        try (Manager manager = mp.manager()) {
            Map<Object, Object> d = manager.dict();
            List<Integer> l = manager.list(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
            Process p = mp.process(() -> f(d, l)).start();
            p.join();
            System.out.println(d);
            System.out.println(l);
            if (!d.toString().equals("{1=1, 2=2, 0.25=null}") || !l.equals(List.of(9, 8, 7, 6, 5, 4, 3, 2, 1, 0))) {
                throw new IllegalStateException("the child's changes did not reach the manager");
            }
        }
    }
}
