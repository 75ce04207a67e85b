package dev.mp4j.benchmarks;

import dev.mp4j.Context;
import dev.mp4j.Event;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.SharedLongArray;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The soak (hardening deliverable 6; not part of CI): producers and consumers through one bounded queue of a transport,
 * for minutes on end, every item checked to arrive exactly once, and the resident memory of every process sampled.
 * {@code benchmarks/python/soak.py} does the same with Python's {@code multiprocessing}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.mp4j.benchmarks.Soak TRANSPORT MINUTES PRODUCERS CONSUMERS
 * </pre>
 *
 * Producer {@code p} puts {@code p << 40 | s} for {@code s = 0, 1, 2, ...} until told to stop, then says how many it
 * put. Each consumer keeps, per producer, the count, sum and sum of squares of the sequence numbers it took, and hands
 * them over at the end: exactly once means that, per producer, the counts add up to {@code n} and the sums to those of
 * {@code 0 .. n-1} (mod 2<sup>64</sup>). Every {@value #SAMPLE_SECONDS} s a line gives the items so far and every
 * process's resident set; the last line says whether every item arrived exactly once, and the exit code is 0 if so.
 */
public final class Soak {
    static final int SAMPLE_SECONDS = 10;
    static final int CAPACITY = 10_000;
    private static final long SEQUENCE = (1L << 40) - 1;

    private Soak() {}

    public static void main(String[] args) throws Exception {
        String transport = args.length > 0 ? args[0] : "shm";
        double minutes = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        int producers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int consumers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Context mp = Multiprocessing.context(transport);
        Queue<Long> q = mp.queue(CAPACITY);
        Event stop = mp.event();
        SharedLongArray produced = mp.sharedLongArray(producers);
        SharedLongArray progress = mp.sharedLongArray(consumers);
        SharedLongArray sums = mp.sharedLongArray(consumers * producers * 3);

        List<Process> consumerProcesses = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            int me = c;
            consumerProcesses.add(mp.process(() -> consume(q, me, producers, progress, sums)).name("Consumer-" + c)
                    .start());
        }
        List<Process> producerProcesses = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long me = p;
            producerProcesses.add(mp.process(() -> {
                long s = 0;
                while (!stop.isSet()) {
                    q.put(me << 40 | s++);
                }
                produced.set((int) me, s);
            }).name("Producer-" + p).start());
        }

        System.out.printf(Locale.ROOT, "soak: %s, %.1f min, %d producers, %d consumers, queue of %d%n", transport,
                minutes, producers, consumers, CAPACITY);
        System.out.println("  s      items    items/s  RSS MiB: parent / producers / consumers");
        long t0 = System.nanoTime();
        long end = t0 + (long) (minutes * 60e9);
        long lastItems = 0;
        long lastAt = t0;
        long firstRss = -1;
        long maxRss = 0;
        long rss = 0;
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(SAMPLE_SECONDS * 1000L, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            long now = System.nanoTime();
            long items = 0;
            for (int c = 0; c < consumers; c++) {
                items += progress.get(c);
            }
            long parent = rssKiB(ProcessHandle.current().pid());
            long prod = sumRss(producerProcesses);
            long cons = sumRss(consumerProcesses);
            rss = parent + prod + cons;
            firstRss = firstRss < 0 ? rss : firstRss;
            maxRss = Math.max(maxRss, rss);
            System.out.printf(Locale.ROOT, "%4d %10d %10.0f  %d / %d / %d%n", (now - t0) / 1_000_000_000, items,
                    (items - lastItems) / ((now - lastAt) / 1e9), parent / 1024, prod / 1024, cons / 1024);
            lastItems = items;
            lastAt = now;
        }
        stop.set();
        for (Process p : producerProcesses) {
            p.join();
        }
        for (int c = 0; c < consumers; c++) {
            q.put(-1L);
        }
        for (Process c : consumerProcesses) {
            c.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;

        boolean exactlyOnce = true;
        long total = 0;
        for (int p = 0; p < producers; p++) {
            long n = produced.get(p);
            total += n;
            long count = 0;
            long sum = 0;
            long squares = 0;
            for (int c = 0; c < consumers; c++) {
                int at = (c * producers + p) * 3;
                count += sums.get(at);
                sum += sums.get(at + 1);
                squares += sums.get(at + 2);
            }
            BigInteger bn = BigInteger.valueOf(n);
            long wantSum = bn.multiply(bn.subtract(BigInteger.ONE)).shiftRight(1).longValue();
            long wantSquares = bn.subtract(BigInteger.ONE).multiply(bn).multiply(bn.shiftLeft(1).subtract(BigInteger.ONE))
                    .divide(BigInteger.valueOf(6)).longValue();
            if (count != n || sum != wantSum || squares != wantSquares) {
                exactlyOnce = false;
                System.out.printf(Locale.ROOT, "producer %d put %d items; the consumers took %d (sums %s, squares %s)%n",
                        p, n, count, sum == wantSum ? "match" : "differ", squares == wantSquares ? "match" : "differ");
            }
        }
        System.out.printf(Locale.ROOT, "result: %s %.1f min: %d items, %.0f items/s; RSS of all processes %d MiB at the"
                        + " first sample, %d MiB at most, %d MiB at the last; exactly once: %s%n", transport,
                seconds / 60, total, total / seconds, firstRss / 1024, maxRss / 1024, rss / 1024,
                exactlyOnce ? "yes" : "NO");
        System.exit(exactlyOnce ? 0 : 1);
    }

    private static void consume(Queue<Long> q, int me, int producers, SharedLongArray progress, SharedLongArray sums)
            throws InterruptedException {
        long[] count = new long[producers];
        long[] sum = new long[producers];
        long[] squares = new long[producers];
        long taken = 0;
        for (long v = q.take(); v >= 0; v = q.take()) {
            int p = (int) (v >>> 40);
            long s = v & SEQUENCE;
            count[p]++;
            sum[p] += s;
            squares[p] += s * s;
            if ((++taken & 4095) == 0) {
                progress.set(me, taken);
            }
        }
        progress.set(me, taken);
        for (int p = 0; p < producers; p++) {
            int at = (me * producers + p) * 3;
            sums.set(at, count[p]);
            sums.set(at + 1, sum[p]);
            sums.set(at + 2, squares[p]);
        }
    }

    private static long sumRss(List<Process> processes) {
        long kib = 0;
        for (Process p : processes) {
            kib += rssKiB(p.pid());
        }
        return kib;
    }

    /** @return the resident set of a process in KiB, from {@code /proc}; 0 where there is none */
    private static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or no /proc
        }
        return 0;
    }
}
