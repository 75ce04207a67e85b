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
    int tasksLeft;
    boolean stopping;
    /** A replacement worker is being started for this slot, outside the pool's lock. */
    boolean starting;
    long diedAt;
    /** The jobs sent to the worker, oldest first: it runs them in this order, so the first is the one running. */
    final Set<Long> jobIds = new LinkedHashSet<>();

    PoolSlot(int index) {
        this.index = index;
    }

    boolean canTake(int maxInFlight) {
        return jobs != null && !stopping && tasksLeft > 0 && jobIds.size() < maxInFlight;
    }

    String describe() {
        return process == null ? "a pool worker" : process.name() + " (pid " + pid + ")";
    }
}
