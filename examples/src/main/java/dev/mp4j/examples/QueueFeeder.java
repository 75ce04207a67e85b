package dev.mp4j.examples;

import dev.mp4j.Manager;
import dev.mp4j.Managers;

import java.util.concurrent.BlockingQueue;

/**
 * The second program of {@link QueueServer}: it connects to the server's address with the agreed key, gets the
 * queue it exposes, and puts three items.
 */
public final class QueueFeeder {
    private QueueFeeder() {}

    /**
     * Feeds the queue.
     *
     * @param args the server's address, such as {@code tcp://127.0.0.1:50000}
     * @throws InterruptedException if interrupted while putting
     */
    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws InterruptedException {
        try (Manager m = Managers.connect(args[0], QueueServer.KEY)) {
            BlockingQueue<String> jobs = m.get("jobs", BlockingQueue.class);
            for (int i = 0; i < 3; i++) {
                jobs.put("job " + i);
            }
            System.out.println("feeder: put 3 jobs; the queue holds " + jobs.size());
        }
    }
}
