package dev.mp4j.shm;

import dev.mp4j.Task;

import java.io.Serial;
import java.io.Serializable;

/**
 * What every process needs of a barrier besides its block: the action (run by whichever party arrives
 * last, in its own process) and the default timeout.
 *
 * @param action         run once per pass; null for none
 * @param timeoutNanos   default timeout of {@code await()}; negative for none
 */
record BarrierSpec(Task action, long timeoutNanos) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
