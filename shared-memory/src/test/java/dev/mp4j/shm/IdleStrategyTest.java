package dev.mp4j.shm;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The budgets of {@link IdleStrategy} and {@link BackoffIdleStrategy}. */
class IdleStrategyTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private static int stepsUntilSpent(IdleStrategy idle) {
        int steps = 0;
        while (idle.idle()) {
            steps++;
            assertTrue(steps < 1_000_000, "the budget never ran out");
        }
        return steps;
    }

    @Test
    void theDefaultsAreOneHundredSpinsAndTwentyYields() {
        // surefire passes no mp4j.spins or mp4j.yields
        assertEquals(100, BackoffIdleStrategy.SPINS);
        assertEquals(20, BackoffIdleStrategy.YIELDS);
    }

    @Test
    void spinThenYieldGivesUpAfterItsStepsUntilReset() {
        IdleStrategy idle = IdleStrategy.spinThenYield();
        long start = System.nanoTime();
        assertEquals(BackoffIdleStrategy.SPINS + BackoffIdleStrategy.YIELDS, stepsUntilSpent(idle));
        assertTrue(System.nanoTime() - start < 1_000 * MS, "spins and yields never park");
        assertFalse(idle.idle(), "spent stays spent");
        idle.reset();
        assertEquals(BackoffIdleStrategy.SPINS + BackoffIdleStrategy.YIELDS, stepsUntilSpent(idle));
    }

    @Test
    void theParkStageLastsItsBudget() {
        BackoffIdleStrategy idle = new BackoffIdleStrategy(3, 2, 100_000, 20 * MS);
        for (int i = 0; i < 5; i++) {
            assertFalse(idle.isParking(), "step " + i + " still spins or yields");
            assertTrue(idle.idle());
        }
        assertTrue(idle.isParking());
        long start = System.nanoTime();
        int parks = stepsUntilSpent(idle);
        long took = System.nanoTime() - start;
        assertTrue(took >= 20 * MS, "parked for the whole budget, took " + took / MS + " ms");
        assertTrue(parks >= 2 && parks <= 1_000, "parks, not spins: " + parks);
        assertFalse(idle.idle());
        idle.reset();
        assertFalse(idle.isParking());
        assertTrue(idle.idle());
    }

    @Test
    void aParkNeverOutlastsTheCallersLimit() {
        long second = TimeUnit.SECONDS.toNanos(1);
        BackoffIdleStrategy idle = new BackoffIdleStrategy(0, 0, 10 * second, 60 * second);
        long start = System.nanoTime();
        assertTrue(idle.idle(MS));
        assertTrue(System.nanoTime() - start < 5_000 * MS, "a 1 ms limit cuts the 10 s park short");
    }

    @Test
    void noBudgetMeansNoIdling() {
        BackoffIdleStrategy idle = new BackoffIdleStrategy(0, 0, 0, 0);
        assertTrue(idle.isParking());
        assertFalse(idle.idle());
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BackoffIdleStrategy(-1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BackoffIdleStrategy(0, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BackoffIdleStrategy(0, 0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new BackoffIdleStrategy(0, 0, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new BackoffIdleStrategy(0, 0, 0, MS), "a park of 0 spins");
    }
}
