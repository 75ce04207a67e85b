package dev.mp4j.transport.chronicle;

import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.NoTransportException;
import dev.mp4j.Process;
import dev.mp4j.Queue;

/**
 * A plain JVM for {@link ChronicleProviderTest}: {@code probe} prints what {@code context("chronicle")} says
 * (the flags it misses); {@code run} runs a child that puts into a chronicle queue, and prints what it took.
 */
public final class ChroniclePeer {
    private ChroniclePeer() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("probe")) {
            try {
                Multiprocessing.context(ChronicleTransportProvider.NAME);
                System.out.println("available");
            } catch (NoTransportException e) {
                System.out.println("refused: " + e.getMessage());
            }
            return;
        }
        try (Context mp = Multiprocessing.context(ChronicleTransportProvider.NAME)) {
            Queue<String> q = mp.queue();
            Process p = mp.process(() -> q.put("from the child"));
            p.start();
            System.out.println("took " + q.take());
            p.join();
        }
    }
}
