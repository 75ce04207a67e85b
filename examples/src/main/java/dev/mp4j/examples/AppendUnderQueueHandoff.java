package dev.mp4j.examples;

import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.Queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ten processes add a line each to one file, one at a time: mutual exclusion by handing a single token
 * around through a {@link Queue}.
 *
 * <p>Python's synchronization example, which uses a {@code Lock}:
 * <pre>{@code
 * from multiprocessing import Process, Lock
 *
 * def f(l, i):
 *     l.acquire()
 *     try:
 *         print('hello world', i)
 *     finally:
 *         l.release()
 *
 * if __name__ == '__main__':
 *     lock = Lock()
 *
 *     for num in range(10):
 *         Process(target=f, args=(lock, num)).start()
 * }</pre>
 *
 * <p>mp4j's {@code Lock} arrives in a later release. Until then a queue holding one token does the same job:
 * {@code take()} the token to enter (waiting while another process holds it), {@code put} it back to leave,
 * in a {@code finally} as Python releases its lock. The same works in Python with a {@code Queue}.
 *
 * <p>Rather than printing, each process adds "hello world N" to a temporary file by reading the whole file
 * and writing it back one line longer: a read-modify-write that would lose lines if two processes overlapped.
 * The parent joins the ten, prints the file's ten lines (in the order the processes got the token, which
 * varies from run to run) and deletes the file. The file travels as a {@code String}: a {@link Path} is not
 * {@link java.io.Serializable}.
 */
public final class AppendUnderQueueHandoff {
    private static final int PROCESSES = 10;

    private AppendUnderQueueHandoff() {}

    static void f(Queue<String> lock, String file, int i) throws InterruptedException, IOException {
        String token = lock.take();                              // l.acquire()
        try {
            Path path = Path.of(file);
            List<String> lines = new ArrayList<>(Files.readAllLines(path));
            lines.add("hello world " + i);
            Files.write(path, lines);
        } finally {
            lock.put(token);                                     // l.release()
        }
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     * @throws IOException if the temporary file cannot be created, read or written
     */
    public static void main(String[] args) throws InterruptedException, IOException {
        Context mp = Multiprocessing.context();
        Path file = Files.createTempFile("mp4j-hello-", ".txt");
        try {
            String path = file.toString();
            Queue<String> lock = mp.queue();
            lock.put("token");

            List<Process> processes = new ArrayList<>();
            for (int num = 0; num < PROCESSES; num++) {
                int i = num;
                processes.add(mp.process(() -> f(lock, path, i)).start());
            }
            List<Process> failed = new ArrayList<>();
            for (Process p : processes) {
                p.join();
                if (p.exitCode().orElse(-1) != 0) {
                    failed.add(p);
                }
            }
            if (!failed.isEmpty()) {
                throw new IllegalStateException("failed: " + failed);
            }

            List<String> lines = Files.readAllLines(file);
            lines.forEach(System.out::println);
            if (lines.size() != PROCESSES) {
                throw new IllegalStateException("expected " + PROCESSES + " lines, found " + lines.size());
            }
        } finally {
            Files.delete(file);
        }
    }
}
