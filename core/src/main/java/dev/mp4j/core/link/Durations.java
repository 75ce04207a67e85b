package dev.mp4j.core.link;

import java.time.Duration;

/** Duration arithmetic that saturates instead of overflowing: a timeout of a century is "forever". */
public final class Durations {
    private Durations() {}

    public static long toNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
