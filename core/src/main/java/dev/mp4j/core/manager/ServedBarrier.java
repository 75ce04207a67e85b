package dev.mp4j.core.manager;

import dev.mp4j.shm.Durations;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;

/**
 * A barrier in the manager, with {@link java.util.concurrent.CyclicBarrier}'s rules, except that
 * {@link #await()} returns the arrival index (0 for the first to arrive) as Python's does.
 */
public final class ServedBarrier extends ServedObject implements dev.mp4j.Barrier {
    private static final long serialVersionUID = 1L;

    private static final class Generation {
        boolean broken;
    }

    private final int parties;
    private transient Generation generation = new Generation();
    private int arrived;

    ServedBarrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least 1 party, not " + parties);
        }
        this.parties = parties;
    }

    @Override
    Kind kind() {
        return Kind.BARRIER;
    }

    @Override
    public int await() throws InterruptedException, BrokenBarrierException {
        try {
            return await(-1);
        } catch (TimeoutException e) {
            throw new AssertionError("no timeout was given", e);
        }
    }

    @Override
    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException {
        return await(Math.max(0, Durations.toNanos(timeout)));
    }

    private synchronized int await(long nanos) throws InterruptedException, BrokenBarrierException, TimeoutException {
        Generation g = generation;
        if (g.broken) {
            throw new BrokenBarrierException();
        }
        int index = arrived++;
        if (arrived == parties) {
            arrived = 0;
            generation = new Generation();
            notifyAll();
            return index;
        }
        long deadline = System.nanoTime() + nanos;
        while (g == generation && !g.broken) {
            if (nanos < 0) {
                wait();
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                breakGeneration();
                throw new TimeoutException("the barrier's other parties did not arrive in time; it is broken now");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        if (g.broken) {
            throw new BrokenBarrierException();
        }
        return index;
    }

    private void breakGeneration() {
        generation.broken = true;
        arrived = 0;
        notifyAll();
    }

    @Override
    public synchronized void reset() {
        breakGeneration();
        generation = new Generation();
    }

    @Override
    public synchronized void abort() {
        breakGeneration();
    }

    @Override
    public synchronized boolean isBroken() {
        return generation.broken;
    }

    @Override
    public int parties() {
        return parties;
    }

    @Override
    public synchronized int numberWaiting() {
        return arrived;
    }
}
