package dev.mp4j.transport.chronicle;

import net.openhft.chronicle.core.time.TimeProvider;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The clock a journal rolls by: the wall clock, but never earlier than a floor (the start of the cycle a queue's
 * head stands in, and the roll's epoch), nor than it already was for this journal in this process. Chronicle takes
 * the cycle an appender writes to from its clock; were the wall clock stepped back, an appender would write into a
 * cycle whose file the readers have removed, and Chronicle would make that file again, where no reader looks: the
 * item would be lost. With this clock an appender writes at or after the cycle every reader stands in.
 *
 * <p>Costs a compare-and-set and the floor's read (one volatile read of the queue's head) per look at the clock,
 * which Chronicle takes about once an append.
 */
final class JournalClock implements TimeProvider {
    private final TimeProvider wall;
    private final LongSupplier floorMillis;
    private final AtomicLong highest = new AtomicLong(Long.MIN_VALUE);

    /**
     * @param wall        the wall clock ({@link Chronicle#clock} in tests)
     * @param floorMillis the earliest time to give now
     */
    JournalClock(TimeProvider wall, LongSupplier floorMillis) {
        this.wall = wall;
        this.floorMillis = floorMillis;
    }

    @Override
    public long currentTimeMillis() {
        long t = Math.max(wall.currentTimeMillis(), floorMillis.getAsLong());
        return highest.accumulateAndGet(t, Math::max);
    }
}
