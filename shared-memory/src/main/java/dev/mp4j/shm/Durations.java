package dev.mp4j.shm;

import java.time.Duration;

/** Timeouts as nanoseconds: negative taken as zero, huge ones saturated rather than overflowing. */
final class Durations {
    private Durations() {
    }

    static long nanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
