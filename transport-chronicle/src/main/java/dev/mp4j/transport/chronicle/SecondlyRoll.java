package dev.mp4j.transport.chronicle;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.rollcycles.RollCycleArithmetic;

import java.time.Instant;

/**
 * The roll cycle of a journal that lives only as long as its queue, pipe end or link: a file a second, so that the
 * files of the seconds every reader has passed can go ({@link Chronicle#retireBefore}) and a journal holds what is
 * not yet read and the last two seconds or so of what was, however long it lives and however much goes through it.
 * (A daily journal held every item of the day: 12 GiB of {@code /dev/shm} in ten minutes of the soak.) Appenders
 * look at a {@link JournalClock}, which never goes back.
 *
 * <p>Room for 2^30 documents a second, an index entry every 16 (a tailer that moves to an index reads at most 15
 * documents to get there). Seconds count from {@link #EPOCH_MILLIS}, not 1970, so that a cycle, an {@code int} to
 * Chronicle, lasts until 2094; a wall clock set before 2026 reads as its start ({@link JournalClock}). Every process
 * opens a journal with this same roll: Chronicle takes the roll from a journal's metadata only when the formats
 * differ.
 */
enum SecondlyRoll implements RollCycle {
    SECONDLY;

    /** 2026-01-01T00:00:00Z: where the count of seconds starts, given to the builder as the journal's epoch. */
    static final long EPOCH_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private final RollCycleArithmetic arithmetic = RollCycleArithmetic.of(8192, 16);

    @Override
    public String format() {
        return "yyyyMMdd-HHmmss'E'";
    }

    @Override
    public int lengthInMillis() {
        return 1000;
    }

    @Override
    public int defaultIndexCount() {
        return arithmetic.indexCount();
    }

    @Override
    public int defaultIndexSpacing() {
        return arithmetic.indexSpacing();
    }

    @Override
    public long toIndex(int cycle, long sequenceNumber) {
        return arithmetic.toIndex(cycle, sequenceNumber);
    }

    @Override
    public long toSequenceNumber(long index) {
        return arithmetic.toSequenceNumber(index);
    }

    @Override
    public int toCycle(long index) {
        return arithmetic.toCycle(index);
    }

    @Override
    public long maxMessagesPerCycle() {
        return arithmetic.maxMessagesPerCycle();
    }
}
