package dev.mp4j.shm;

import java.time.Duration;
import java.util.Objects;

/**
 * {@link Duration} to nanoseconds without overflow: {@link Duration#toNanos()} throws {@link ArithmeticException}
 * beyond about 292 years, and a timeout of a century means "forever", not an error.
 */
public final class Durations {
    private Durations() {
    }

    /**
     * @return {@code d} in nanoseconds, saturated to {@link Long#MAX_VALUE} or {@link Long#MIN_VALUE} where it
     *         does not fit
     * @throws NullPointerException if {@code d} is null
     */
    public static long toNanos(Duration d) {
        Objects.requireNonNull(d, "duration");
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * @return {@code timeout} in nanoseconds for a wait that counts down: a negative timeout is 0 (do not wait),
     *         one that does not fit is {@link Long#MAX_VALUE}
     * @throws NullPointerException if {@code timeout} is null
     */
    public static long toTimeoutNanos(Duration timeout) {
        return Math.max(0, toNanos(timeout));
    }
}
