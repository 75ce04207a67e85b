package dev.mp4j.core.link;

import java.util.function.BooleanSupplier;

/**
 * The busy-wait a queue consumer does before it parks. Parking and waking a thread costs a few microseconds
 * of futex calls on each side; a consumer keeping up with a streaming producer spins across the gaps instead
 * and never parks. The spin is bounded ({@code mp4j.queue.spins} iterations of {@link Thread#onSpinWait()},
 * about 20–50 µs by default), so it costs at most that much CPU per wait; {@code 0} turns it off.
 *
 * <p>Pipe readers do not spin: in a round trip on two cores the spinning reader took the CPU its own event
 * loop thread needed, and the round trip went from 62 µs to 140 µs (benchmarks/RESULTS.md).
 */
public final class Spin {
    public static final int SPINS = Integer.getInteger("mp4j.queue.spins", 2_000);

    private Spin() {}

    /** Spins until the condition holds or the budget is spent; never blocks, never throws. */
    public static void until(BooleanSupplier ready) {
        for (int i = 0; i < SPINS && !ready.getAsBoolean(); i++) {
            Thread.onSpinWait();
        }
    }
}
