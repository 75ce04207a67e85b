package dev.mp4j.shm;

/**
 * How a thread idles while it waits for something no JVM can wake it for (a word in shared memory written by
 * another process, a queue its producer fills without signalling), in the manner of Agrona's
 * {@code IdleStrategy} but bounded: busy-waiting only pays while the wait is short, so each strategy has a
 * budget, and once it is spent {@link #idle()} returns false and the caller blocks on something that will wake
 * it (a {@link java.util.concurrent.locks.Condition}, a socket, mp4j's bell).
 *
 * <pre>{@code
 * IdleStrategy idle = IdleStrategy.spinThenYield();
 * while (!ready()) {
 *     if (!idle.idle()) {
 *         blockUntilSignalled();   // re-check ready() under the signaller's protocol first
 *         idle.reset();
 *     }
 * }
 * }</pre>
 *
 * <p>An instance keeps the count of its steps, so it belongs to one thread at a time and to one wait at a time;
 * {@link #reset()} starts the budget over. Implementations never throw, and leave the thread's interrupt status
 * as it is (a park returns early when the thread is interrupted; the caller decides what an interrupt means).
 */
public interface IdleStrategy {
    /**
     * Idles one step, if the budget allows.
     *
     * @return true if it idled a step; false, at once, if the budget is spent (and on every call after, until
     *         {@link #reset()})
     */
    boolean idle();

    /** Starts the budget over, for a new wait. */
    void reset();

    /**
     * A new strategy that busy-spins {@link BackoffIdleStrategy#SPINS} steps with {@link Thread#onSpinWait()}
     * (about 2–5 µs of one core by default), then {@link Thread#yield()}s {@link BackoffIdleStrategy#YIELDS}
     * times (tens of µs at most, using a core only if nobody else wants it), then gives up: it never parks. For a
     * consumer that should catch an item arriving within microseconds without paying a park and an unpark, yet
     * block soon when nothing comes.
     */
    static IdleStrategy spinThenYield() {
        return new BackoffIdleStrategy(BackoffIdleStrategy.SPINS, BackoffIdleStrategy.YIELDS, 0, 0);
    }
}
