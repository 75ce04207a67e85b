package dev.mp4j.examples;

import dev.mp4j.Context;
import dev.mp4j.Lock;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ten processes take turns under one {@link Lock}: Python's synchronization example.
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
 * <p>The lock lives in shared memory; each child gets it in its task and re-attaches to the same lock. Under
 * the lock each process prints its greeting and also adds it to a file by reading the whole file and writing
 * it back one line longer: a read-modify-write that would lose lines if two processes overlapped. The parent
 * checks that all ten lines arrived. The order varies from run to run.
 */
public final class HelloUnderLock {
    private static final int PROCESSES = 10;

    private HelloUnderLock() {}

    static void f(Lock l, String file, int i) throws IOException {
        l.lock();                                                // l.acquire()
        try {
            System.out.println("hello world " + i);
            Path path = Path.of(file);
            List<String> lines = new ArrayList<>(Files.readAllLines(path));
            lines.add("hello world " + i);
            Files.write(path, lines);
        } finally {
            l.unlock();                                          // l.release()
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
            String path = file.toString();                       // a Path is not Serializable
            Lock lock = mp.lock();

            List<Process> processes = new ArrayList<>();
            for (int num = 0; num < PROCESSES; num++) {
                int i = num;
                processes.add(mp.process(() -> f(lock, path, i)).start());
            }
            for (Process p : processes) {
                p.join();
                if (p.exitCode().orElse(-1) != 0) {
                    throw new IllegalStateException(p.name() + " failed with exit code " + p.exitCode());
                }
            }
            int lines = Files.readAllLines(file).size();
            if (lines != PROCESSES) {
                throw new IllegalStateException("expected " + PROCESSES + " lines, found " + lines);
            }
        } finally {
            Files.delete(file);
        }
    }
}
