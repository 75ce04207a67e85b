package dev.mp4j.core.process;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How many spares a context keeps by default: one, growing toward recent peak demand, back to one when idle. */
class SparesTargetTest {
    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private static final long T0 = 1_000 * S;

    private static ArrayDeque<Long> starts(long... at) {
        ArrayDeque<Long> d = new ArrayDeque<>();
        for (long t : at) {
            d.addLast(t);
        }
        return d;
    }

    @Test
    void oneWithoutDemand() {
        assertEquals(1, Spares.adaptiveTarget(starts(), T0, 8));
    }

    @Test
    void growsToTheMostStartsWithinASecondAndNoFurtherThanTheCpus() {
        ArrayDeque<Long> burst = starts(T0, T0 + S / 10, T0 + S / 5, T0 + S / 2);
        assertEquals(4, Spares.adaptiveTarget(burst, T0 + S, 8));
        assertEquals(2, Spares.adaptiveTarget(starts(T0, T0 + S / 10, T0 + S / 5, T0 + S / 2), T0 + S, 2));
        assertEquals(2, Spares.adaptiveTarget(starts(T0, T0 + 2 * S, T0 + 2 * S + S / 2, T0 + 5 * S), T0 + 6 * S, 8),
                "starts spread over seconds are not a burst");
    }

    @Test
    void shrinksBackToOneAMinuteAfterTheBurst() {
        ArrayDeque<Long> burst = starts(T0, T0 + S / 10, T0 + S / 5);
        assertEquals(3, Spares.adaptiveTarget(burst, T0 + 30 * S, 8), "within the minute, the peak is kept");
        assertEquals(1, Spares.adaptiveTarget(burst, T0 + 61 * S, 8));
        assertEquals(List.of(), List.copyOf(burst), "the old starts are forgotten");
    }
}
