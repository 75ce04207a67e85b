package dev.mp4j.shm;

import dev.mp4j.Task;

import java.io.Serial;
import java.io.Serializable;

/**
 * What every process needs of a barrier besides its block: the action (run by whichever party arrives
 * last, in its own process) and the default timeout.
 * Not a record: see {@code dev.mp4j.runtime.Token}.
 */
final class BarrierSpec implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;
    private final Task action;
    private final long timeoutNanos;

    /**
     * @param action         run once per pass; null for none
     * @param timeoutNanos   default timeout of {@code await()}; negative for none
     */
    BarrierSpec(Task action, long timeoutNanos) {
        this.action = action;
        this.timeoutNanos = timeoutNanos;
    }

    Task action() {
        return action;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }
}
