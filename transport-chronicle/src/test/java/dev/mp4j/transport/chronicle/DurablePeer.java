package dev.mp4j.transport.chronicle;

import dev.mp4j.Queue;

import java.nio.file.Path;

/**
 * An unrelated JVM that uses a durable queue, for {@link DurableQueueTest}: {@code put <folder> <name> <count>}
 * puts {@code count} numbers and reports {@code put <count>}, then waits to be killed; {@code take <folder> <name>}
 * reports {@code took <n>} for each item it takes, for ever.
 */
public final class DurablePeer {
    private DurablePeer() {
    }

    public static void main(String[] args) throws Exception {
        Queue<Integer> q = DurableQueues.open(Path.of(args[1]), args[2]);
        if (args[0].equals("put")) {
            int count = Integer.parseInt(args[3]);
            for (int i = 0; i < count; i++) {
                q.put(i);
            }
            System.out.println("put " + count);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        } else {
            while (true) {
                System.out.println("took " + q.take());
                System.out.flush();
            }
        }
    }
}
