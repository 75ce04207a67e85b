package dev.mp4j.shm;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Generated block names: {@code mp4j-<pid>-<n>-<random>}, unique even against leftovers of a recycled pid. */
final class Names {
    private static final AtomicLong NEXT = new AtomicLong();

    private Names() {
    }

    static String generate() {
        return "mp4j-" + ProcessLiveness.currentPid() + "-" + NEXT.incrementAndGet() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x1000_0000);
    }
}
