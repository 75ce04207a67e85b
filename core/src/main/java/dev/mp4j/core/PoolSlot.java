package dev.mp4j.core;

import dev.mp4j.Connection;
import dev.mp4j.Process;

import java.util.HashSet;
import java.util.Set;

/** One worker place of a pool, and the worker in it now. Guarded by the pool's lock. */
final class PoolSlot {
    final int index;
    Process process;
    Connection jobs;
    long pid;
    int tasksLeft;
    boolean stopping;
    long diedAt;
    final Set<Long> jobIds = new HashSet<>();

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
