package dev.mp4j.shm;

import java.util.concurrent.locks.LockSupport;

/**
 * An {@link IdleStrategy} that backs off in three stages, each cheaper in CPU and slower to notice a change than
 * the last, and gives up after the third:
 *
 * <ol>
 *   <li><b>Spin</b>: {@code spins} steps of {@link Thread#onSpinWait()}, one look each. The default 100 take
 *       about 2–5 µs of one core and notice a change within ~0.1 µs: they catch a lock released a moment later
 *       without any system call.</li>
 *   <li><b>Yield</b>: {@code yields} steps of {@link Thread#yield()}. The default 20 take tens of µs at most, and
 *       a core only if nothing else wants it; they let the thread being waited for run when cores are
 *       scarce.</li>
 *   <li><b>Park</b>: {@link LockSupport#parkNanos} of {@code parkNanos} per step until {@code parkBudgetNanos} have
 *       passed since the first park. Linux adds its timer slack (50 µs) to every park, so with 20 µs parks a look
 *       comes every ~70–100 µs: a change is noticed ~40 µs later on average, for about 5% of one core while the
 *       stage lasts. A budget of 0 skips the stage.</li>
 * </ol>
 *
 * The system properties {@value #SPINS_PROPERTY} and {@value #YIELDS_PROPERTY} set the first two stages for all of
 * mp4j ({@link #SPINS}, {@link #YIELDS}); they are read once, here. Setting both to 0 turns busy-waiting off.
 *
 * <p>Not thread-safe: one instance per waiting thread and wait. Allocation-free after construction.
 */
public final class BackoffIdleStrategy implements IdleStrategy {
    /** The system property holding the number of busy spins before yielding. */
    public static final String SPINS_PROPERTY = "mp4j.spins";
    /** The system property holding the number of yields after the spins. */
    public static final String YIELDS_PROPERTY = "mp4j.yields";
    /** Busy spins before yielding: {@value #SPINS_PROPERTY}, default 100; a negative setting counts as 0. */
    public static final int SPINS = Math.max(0, Integer.getInteger(SPINS_PROPERTY, 100));
    /** Yields after the spins: {@value #YIELDS_PROPERTY}, default 20; a negative setting counts as 0. */
    public static final int YIELDS = Math.max(0, Integer.getInteger(YIELDS_PROPERTY, 20));

    private final int spins;
    private final int spinsAndYields;
    private final long parkNanos;
    private final long parkBudgetNanos;
    private int step;
    private boolean parking;
    private long parkingSince;

    /**
     * @param spins           busy spins first; usually {@link #SPINS}
     * @param yields          then yields; usually {@link #YIELDS}
     * @param parkNanos       then parks of this long (plus the OS's timer slack)
     * @param parkBudgetNanos for this long in all, measured from the first park; 0 for no park stage
     * @throws IllegalArgumentException if a count or time is negative, or {@code parkNanos} is 0 while
     *                                  {@code parkBudgetNanos} is not (that would be a spin)
     */
    public BackoffIdleStrategy(int spins, int yields, long parkNanos, long parkBudgetNanos) {
        if (spins < 0 || yields < 0 || parkNanos < 0 || parkBudgetNanos < 0) {
            throw new IllegalArgumentException("spins, yields and park times must not be negative: " + spins + ", "
                    + yields + ", " + parkNanos + " ns, " + parkBudgetNanos + " ns");
        }
        if (parkNanos == 0 && parkBudgetNanos > 0) {
            throw new IllegalArgumentException("a park stage needs parks longer than 0 ns");
        }
        this.spins = spins;
        this.spinsAndYields = (int) Math.min(Integer.MAX_VALUE, (long) spins + yields);
        this.parkNanos = parkNanos;
        this.parkBudgetNanos = parkBudgetNanos;
    }

    /** Idles one step, parking for at most the configured park. */
    @Override
    public boolean idle() {
        return idle(Long.MAX_VALUE);
    }

    /**
     * Idles one step, parking (in the park stage) for at most {@code maxParkNanos}: for a caller with a deadline,
     * which must not sleep past it. Spins and yields are too short to matter.
     *
     * @return true if it idled a step; false, at once, if the budget is spent
     */
    public boolean idle(long maxParkNanos) {
        int s = step;
        if (s < spinsAndYields) {
            step = s + 1;
            if (s < spins) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
            return true;
        }
        if (parkBudgetNanos == 0) {
            return false;
        }
        long now = System.nanoTime();
        if (!parking) {
            parking = true;
            parkingSince = now;
        } else if (now - parkingSince >= parkBudgetNanos) {
            return false;
        }
        LockSupport.parkNanos(Math.min(maxParkNanos, parkNanos));
        return true;
    }

    /**
     * @return true once the spins and yields are spent: from here on a step parks, or the budget is spent. A
     *         caller can put off periodic work that would slow the spinning (a liveness check) until then
     */
    public boolean isParking() {
        return step >= spinsAndYields;
    }

    @Override
    public void reset() {
        step = 0;
        parking = false;
    }

    @Override
    public String toString() {
        return "BackoffIdleStrategy[spins=" + spins + ", yields=" + (spinsAndYields - spins) + ", park="
                + parkNanos + " ns, parkBudget=" + parkBudgetNanos + " ns]";
    }
}
