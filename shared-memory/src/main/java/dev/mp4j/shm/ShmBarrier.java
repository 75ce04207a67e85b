package dev.mp4j.shm;

import dev.mp4j.Barrier;
import dev.mp4j.runtime.Token;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;

import static dev.mp4j.shm.BarrierLayout.BROKEN;
import static dev.mp4j.shm.BarrierLayout.COUNT;
import static dev.mp4j.shm.BarrierLayout.GENERATION;
import static dev.mp4j.shm.BarrierLayout.OUTCOMES;
import static dev.mp4j.shm.BarrierLayout.PARTIES;

/**
 * {@link Barrier} over a {@link BarrierLayout}. Arrivals, trips and breaks change the fields under the
 * barrier's own robust lock; waiting parties poll the generation without it. A generation's outcome (passed
 * or broken) is kept as one bit of a 64-bit history, so a party that wakes late still learns how its
 * generation ended. Waiters check every liveness interval whether the parties that arrived still live, and
 * break the barrier if one died: it can never arrive again.
 */
final class ShmBarrier implements Barrier {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient MappedSegment seg;
    private final transient LockCore lock;
    private final transient int parties;
    private final transient BarrierSpec spec;
    private final Token token;
    private final transient ParkedWaiters parked;

    ShmBarrier(MappedSegment seg, BarrierSpec spec, Token token) {
        this.seg = seg;
        this.parked = new ParkedWaiters(seg, BarrierLayout.BELL);
        this.lock = new LockCore(seg, BarrierLayout.LOCK, false);
        this.parties = seg.getInt(PARTIES);
        this.spec = spec;
        this.token = token;
    }

    static ShmBarrier create(int parties, dev.mp4j.Task action, Duration timeout) {
        if (parties < 1 || parties > BarrierLayout.MAX_PARTIES) {
            throw new IllegalArgumentException("a barrier needs 1 to " + BarrierLayout.MAX_PARTIES
                    + " parties, got " + parties);
        }
        BarrierSpec spec = new BarrierSpec(action, timeout == null ? -1 : Durations.toTimeoutNanos(timeout));
        if (action != null) {
            checkSerializable(action);
        }
        MappedSegment seg = MappedSegment.create(Names.generate(), Kind.BARRIER, BarrierLayout.SIZE);
        seg.putInt(PARTIES, parties);
        seg.publish();
        return new ShmBarrier(Segments.adopt(seg), spec, Kind.BARRIER.token(seg.name(), spec));
    }

    private static void checkSerializable(dev.mp4j.Task action) {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(action);
        } catch (IOException e) {
            throw new IllegalArgumentException("the barrier action must be serializable, since the last party to"
                    + " arrive runs it in its own process: " + e, e);
        }
    }

    @Override
    public int await() throws InterruptedException, BrokenBarrierException {
        try {
            return doAwait(spec.timeoutNanos());
        } catch (TimeoutException e) {
            BrokenBarrierException b = new BrokenBarrierException("barrier " + seg.name()
                    + " broke: its default timeout ran out");
            b.initCause(e);
            throw b;
        }
    }

    @Override
    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException {
        Objects.requireNonNull(timeout, "timeout");
        return doAwait(Durations.toTimeoutNanos(timeout));
    }

    private int doAwait(long timeoutNanos) throws InterruptedException, BrokenBarrierException, TimeoutException {
        long me = LockCore.currentOwner();
        long generation;
        int index;
        lock.acquireUninterruptibly(me);
        try {
            if (seg.getIntVolatile(BROKEN) != 0) {
                throw broken();
            }
            generation = seg.getLongVolatile(GENERATION);
            if (Thread.interrupted()) {
                breakLocked(generation);
                throw new InterruptedException();
            }
            index = seg.getIntVolatile(COUNT);
            seg.putIntVolatile(BarrierLayout.arrival(index), (int) ProcessLiveness.currentPid());
            seg.putIntVolatile(COUNT, index + 1);
            if (index + 1 == parties) {
                runAction(generation);
                if (seg.getLongVolatile(GENERATION) != generation) {
                    return index; // the action reset the barrier: the others learn their generation broke
                }
                if (seg.getIntVolatile(BROKEN) != 0) {
                    throw broken(); // the action aborted it
                }
                setOutcome(generation, false);
                seg.putIntVolatile(COUNT, 0);
                seg.putLongVolatile(GENERATION, generation + 1);
                parked.wake();
                return index;
            }
        } finally {
            lock.release(me);
        }
        Wait w = new Wait(timeoutNanos, parked);
        try {
            return awaitTrip(me, generation, index, w);
        } finally {
            w.done();
        }
    }

    private void runAction(long generation) throws BrokenBarrierException {
        if (spec.action() == null) {
            return;
        }
        try {
            spec.action().run();
        } catch (Exception | Error e) {
            breakLocked(generation);
            BrokenBarrierException b = new BrokenBarrierException("the action of barrier " + seg.name() + " failed: "
                    + e);
            b.initCause(e);
            throw b;
        }
    }

    private int awaitTrip(long me, long generation, int index, Wait w)
            throws InterruptedException, BrokenBarrierException, TimeoutException {
        for (;;) {
            if (seg.getLongVolatile(GENERATION) != generation) {
                return outcome(generation, index);
            }
            if (seg.getIntVolatile(BROKEN) != 0 && seg.getLongVolatile(GENERATION) == generation) {
                throw broken();
            }
            if (w.livenessCheckDue() && aPartyDied()) {
                breakIfStill(me, generation);
                continue;
            }
            boolean more;
            try {
                more = w.pause();
            } catch (InterruptedException e) {
                if (breakIfStill(me, generation)) {
                    throw e;
                }
                Thread.currentThread().interrupt();
                return outcome(generation, index);
            }
            if (!more) {
                if (breakIfStill(me, generation)) {
                    throw new TimeoutException("barrier " + seg.name() + " timed out with " + numberWaiting()
                            + " of " + parties + " parties arrived; it is now broken");
                }
                return outcome(generation, index);
            }
        }
    }

    private int outcome(long generation, int index) throws BrokenBarrierException {
        if ((seg.getLongVolatile(OUTCOMES) & bit(generation)) != 0) {
            throw broken();
        }
        return index;
    }

    /** Breaks the barrier if {@code generation} is still waiting; true if it was (it is broken now). */
    private boolean breakIfStill(long me, long generation) {
        lock.acquireUninterruptibly(me);
        try {
            if (seg.getLongVolatile(GENERATION) != generation) {
                return false;
            }
            breakLocked(generation);
            return true;
        } finally {
            lock.release(me);
        }
    }

    private boolean aPartyDied() {
        int count = Math.min(seg.getIntVolatile(COUNT), parties);
        for (int i = 0; i < count; i++) {
            int pid = seg.getIntVolatile(BarrierLayout.arrival(i));
            if (pid != ProcessLiveness.currentPid() && ProcessLiveness.isDeadCached(pid)) {
                return true;
            }
        }
        return false;
    }

    private void breakLocked(long generation) {
        seg.putIntVolatile(BROKEN, 1);
        setOutcome(generation, true);
        parked.wake();
    }

    private void setOutcome(long generation, boolean broken) {
        long outcomes = seg.getLongVolatile(OUTCOMES);
        seg.putLongVolatile(OUTCOMES, broken ? outcomes | bit(generation) : outcomes & ~bit(generation));
    }

    private static long bit(long generation) {
        return 1L << (generation & 63);
    }

    private BrokenBarrierException broken() {
        return new BrokenBarrierException("barrier " + seg.name() + " is broken (a party timed out, was interrupted,"
                + " died, or called abort or reset); call reset() to use it again");
    }

    /** Takes the barrier's lock unless this thread holds it already (the action calling reset or abort). */
    private boolean lockUnlessHeld(long me) {
        if (lock.isHeldBy(me)) {
            return false;
        }
        lock.acquireUninterruptibly(me);
        return true;
    }

    @Override
    public void reset() {
        long me = LockCore.currentOwner();
        boolean locked = lockUnlessHeld(me);
        try {
            long generation = seg.getLongVolatile(GENERATION);
            if (seg.getIntVolatile(BROKEN) != 0 || seg.getIntVolatile(COUNT) > 0) {
                setOutcome(generation, true);
                seg.putLongVolatile(GENERATION, generation + 1);
                parked.wake();
            }
            seg.putIntVolatile(COUNT, 0);
            seg.putIntVolatile(BROKEN, 0);
        } finally {
            if (locked) {
                lock.release(me);
            }
        }
    }

    @Override
    public void abort() {
        long me = LockCore.currentOwner();
        boolean locked = lockUnlessHeld(me);
        try {
            breakLocked(seg.getLongVolatile(GENERATION));
        } finally {
            if (locked) {
                lock.release(me);
            }
        }
    }

    @Override
    public boolean isBroken() {
        return seg.getIntVolatile(BROKEN) != 0;
    }

    @Override
    public int parties() {
        return parties;
    }

    @Override
    public int numberWaiting() {
        return isBroken() ? 0 : seg.getIntVolatile(COUNT);
    }

    @Override
    public String toString() {
        return "Barrier[" + seg.name() + ", parties=" + parties + ", waiting=" + numberWaiting()
                + (isBroken() ? ", broken]" : "]");
    }

    @Serial
    private Object writeReplace() {
        return token;
    }
}
