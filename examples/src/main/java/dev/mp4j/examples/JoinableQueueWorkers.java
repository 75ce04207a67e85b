package dev.mp4j.examples;

import dev.mp4j.Context;
import dev.mp4j.JoinableQueue;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.Queue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Daemon worker processes square the numbers of a {@link JoinableQueue} of tasks; the parent waits for every
 * task to be done, then prints the results.
 *
 * <p>In Python:
 * <pre>{@code
 * from multiprocessing import Process, JoinableQueue, Queue, current_process
 *
 * def worker(tasks, results):
 *     while True:
 *         n = tasks.get()
 *         results.put((n, n * n, current_process().name))
 *         tasks.task_done()
 *
 * if __name__ == '__main__':
 *     tasks, results = JoinableQueue(), Queue()
 *     for i in range(3):
 *         Process(target=worker, args=(tasks, results), name=f'worker-{i + 1}', daemon=True).start()
 *     for n in range(10):
 *         tasks.put(n)
 *     tasks.join()
 *     for n, square, name in sorted(results.get() for _ in range(10)):
 *         print(f'{n}² = {square} (by {name})')
 * }</pre>
 *
 * <p>Demonstrates:
 * <ul>
 *   <li>{@link JoinableQueue#taskDone()} after each task and {@link JoinableQueue#join()} to wait for all of
 *       them;</li>
 *   <li>daemon processes ({@link Process#daemon(boolean)}), which loop forever and are not joined. Python
 *       leaves them to be terminated when the program exits, as mp4j does too; this example terminates them
 *       itself, because {@link RunAll} carries on in the same JVM, and shows their exit code: -15, for
 *       {@code SIGTERM}, as in Python;</li>
 *   <li>a result type of one's own: a {@link Serializable} record;</li>
 *   <li>results are taken once each: a worker's {@code put} may still be in flight when {@code join()}
 *       returns, and {@code take()} waits for it.</li>
 * </ul>
 */
public final class JoinableQueueWorkers {
    private static final int WORKERS = 3;
    private static final int TASKS = 10;

    /** One result: {@code n}, its square, and the worker that computed it. */
    record Square(int n, long square, String worker) implements Serializable {}

    private JoinableQueueWorkers() {}

    static void worker(JoinableQueue<Integer> tasks, Queue<Square> results) throws InterruptedException {
        String me = Multiprocessing.currentProcess().name();
        while (true) {
            int n = tasks.take();
            results.put(new Square(n, (long) n * n, me));
            tasks.taskDone();
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
        JoinableQueue<Integer> tasks = mp.joinableQueue();
        Queue<Square> results = mp.queue();

        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            workers.add(mp.process(() -> worker(tasks, results)).name("worker-" + (i + 1)).daemon(true).start());
        }
        for (int n = 0; n < TASKS; n++) {
            tasks.put(n);
        }
        tasks.join();

        List<Square> squares = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            squares.add(results.take());
        }
        squares.sort(Comparator.comparingInt(Square::n));
        for (Square s : squares) {
            System.out.println(s.n() + "² = " + s.square() + " (by " + s.worker() + ")");
        }

        for (Process w : workers) {
            w.terminate();
        }
        for (Process w : workers) {
            w.join();
            System.out.println(w.name() + " terminated, exit code " + w.exitCode().orElseThrow());
        }
    }
}
