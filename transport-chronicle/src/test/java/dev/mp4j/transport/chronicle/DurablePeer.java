package dev.mp4j.transport.chronicle;

import dev.mp4j.Queue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An unrelated JVM that uses a durable queue, for {@link DurableQueueTest}: {@code put <folder> <name> <count>}
 * puts {@code count} numbers and reports {@code put <count>}, then waits to be killed;
 * {@code take <folder> <name> <log>} writes each item it takes to the file {@code log}, then reports
 * {@code took <n>}, for ever.
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
            // each item taken is also written to a file (args[3]) at once: the page cache keeps it through kill -9
            try (FileChannel log = FileChannel.open(Path.of(args[3]), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                while (true) {
                    Integer item = q.take();
                    log.write(ByteBuffer.wrap((item + "\n").getBytes(StandardCharsets.US_ASCII)));
                    System.out.println("took " + item);
                    System.out.flush();
                }
            }
        }
    }
}
