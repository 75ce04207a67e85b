package dev.mp4j.core.pool;

import dev.mp4j.Connection;
import dev.mp4j.Process;

import java.util.LinkedHashSet;
import java.util.Set;

/** One worker place of a pool, and the worker in it now. Guarded by the pool's lock. */
final class PoolSlot {
    final int index;
    Process process;
    Connection jobs;
    long pid;
    /** The number of the worker in it now (its name's), which its messages carry. */
    long worker;
    int tasksLeft;
    boolean stopping;
    /** A replacement worker is being started for this slot, outside the pool's lock. */
    boolean starting;
    long diedAt;
    /** The jobs sent to the worker and not ended, oldest first: it runs them in this order, unless they are revoked. */
    final Set<Long> jobIds = new LinkedHashSet<>();
    /** Bit k set: the worker's cell k in {@link PoolClaims} holds no job. */
    private int freeCells = (1 << PoolClaims.CELLS_PER_WORKER) - 1;

    PoolSlot(int index) {
        this.index = index;
    }

    boolean canTake() {
        return jobs != null && !stopping && tasksLeft > 0 && freeCells != 0;
    }

    /** @return a cell of this worker's that holds no job, now taken; there is one if {@link #canTake} */
    int takeCell() {
        int cell = Integer.numberOfTrailingZeros(freeCells);
        freeCells &= ~(1 << cell);
        return cell;
    }

    void freeCell(int cell) {
        freeCells |= 1 << cell;
    }

    /** A new worker in the slot: none of its cells holds a job. */
    void freeAllCells() {
        freeCells = (1 << PoolClaims.CELLS_PER_WORKER) - 1;
    }

    String describe() {
        return process == null ? "a pool worker" : process.name() + " (pid " + pid + ")";
    }
}
