package dev.mp4j.examples;

import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.transport.chronicle.DurableQueues;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Jobs that outlive the program: a child process puts three jobs into a durable queue and ends; the queue is closed
 * and opened again, as a restarted program would, and the jobs are all still there, in order. Python's
 * {@code multiprocessing} has no such queue; the nearest is a database table used as one.
 *
 * <p>Demonstrates:
 * <ul>
 *   <li>{@link DurableQueues#open} on the {@code chronicle} transport: a {@link Queue} journaled in a folder of the
 *       program's choosing, which any process may open;</li>
 *   <li>a durable queue captured by a task opens the same journal in the child;</li>
 *   <li>closing a durable queue lets go of this process's handle: its items stay.</li>
 * </ul>
 * It needs Chronicle's JVM flags (the README's "Durable queues on chronicle"); {@code exec:exec} here passes them.
 */
public final class DurableJobs {
    private DurableJobs() {}

    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("mp4j-durable-jobs");
        try (Context mp = Multiprocessing.context("chronicle")) {
            Queue<String> jobs = DurableQueues.open(folder, "jobs");
            Process p = mp.process(() -> {
                for (int i = 1; i <= 3; i++) {
                    jobs.put("job " + i);
                }
            });
            p.start();
            p.join();
            jobs.close();

            Queue<String> reopened = DurableQueues.open(folder, "jobs");
            System.out.println("after the restart: " + reopened.size() + " jobs waiting");
            for (int i = 0; i < 3; i++) {
                System.out.println("took " + reopened.take());
            }
            reopened.close();
        } finally {
            deleteTree(folder);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
