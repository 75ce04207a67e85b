package dev.mp4j.examples;

import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.Queue;

/**
 * A producer process puts items into a {@link Queue} and then a sentinel; the parent consumes until the
 * sentinel.
 *
 * <p>In Python:
 * <pre>{@code
 * from multiprocessing import Process, Queue
 *
 * DONE = 'DONE'
 *
 * def producer(q):
 *     for i in range(5):
 *         q.put(f'item {i}')
 *     q.put(DONE)
 *
 * if __name__ == '__main__':
 *     q = Queue()
 *     p = Process(target=producer, args=(q,))
 *     p.start()
 *     for item in iter(q.get, DONE):
 *         print('consumed', item)
 *     p.join()
 * }</pre>
 *
 * <p>Demonstrates:
 * <ul>
 *   <li>{@code Queue()} is {@link Context#queue()}, {@code q.get()} is {@link Queue#take()}; a queue captured by a
 *       task re-attaches to the same queue in the child;</li>
 *   <li>a sentinel ends the stream. It cannot be {@code null}, which a queue refuses as a
 *       {@link java.util.concurrent.BlockingQueue} does, and it arrives as an equal copy, not the same object:
 *       compare with {@code equals}, never {@code ==};</li>
 *   <li>the items of one producer arrive in the order it put them;</li>
 *   <li>consume first, join after: the order Python's documentation recommends for processes that put
 *       items on a queue.</li>
 * </ul>
 */
public final class QueueProducerConsumer {
    static final String DONE = "DONE";

    private QueueProducerConsumer() {}

    static void producer(Queue<String> q) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            q.put("item " + i);
        }
        q.put(DONE);
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        Context mp = Multiprocessing.context();
        Queue<String> q = mp.queue();
        Process p = mp.process(() -> producer(q)).name("producer").start();

        for (String item = q.take(); !item.equals(DONE); item = q.take()) {
            System.out.println("consumed " + item);
        }
        p.join();
        if (p.exitCode().orElse(-1) != 0) {
            throw new IllegalStateException(p + " failed");
        }
    }
}
