package dev.mp4j.shm;

import dev.mp4j.Condition;
import dev.mp4j.Lock;
import dev.mp4j.runtime.Token;

import java.io.Serial;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static dev.mp4j.shm.ConditionLayout.CANCELLED;
import static dev.mp4j.shm.ConditionLayout.HEAD;
import static dev.mp4j.shm.ConditionLayout.NEXT;
import static dev.mp4j.shm.ConditionLayout.SIGNALLED;
import static dev.mp4j.shm.ConditionLayout.SLOTS;
import static dev.mp4j.shm.ConditionLayout.WAITING;
import static dev.mp4j.shm.ConditionLayout.encode;
import static dev.mp4j.shm.ConditionLayout.isTicket;
import static dev.mp4j.shm.ConditionLayout.slot;
import static dev.mp4j.shm.ConditionLayout.state;

/**
 * {@link Condition} over a {@link ConditionLayout}. A waiter takes the next ticket and marks its slot
 * {@code WAITING} under the lock, releases the lock fully, and polls its slot. {@code signal(n)} (under the
 * lock) walks tickets from the head and CASes the first n live waiters to {@code SIGNALLED}; a waiter whose
 * time runs out CASes its own slot to {@code CANCELLED}, so a signal is never spent on a waiter that left,
 * and whoever loses that race knows the outcome. A slot already reused by a later ticket means its old
 * waiter was signalled: the head passes a waiting ticket only by signalling it.
 */
final class ShmCondition implements Condition {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient MappedSegment seg;
    private final transient BaseLock lock;
    private final Token token;
    private final transient ParkedWaiters parked;

    ShmCondition(MappedSegment seg, BaseLock lock, Token token) {
        this.seg = seg;
        this.parked = new ParkedWaiters(seg, ConditionLayout.BELL);
        this.lock = lock;
        this.token = token;
    }

    static ShmCondition create(BaseLock lock) {
        MappedSegment seg = MappedSegment.create(Names.generate(), Kind.CONDITION, ConditionLayout.SIZE);
        seg.publish();
        return new ShmCondition(Segments.adopt(seg), lock, Kind.CONDITION.token(seg.name(), lock));
    }

    static ShmCondition create(Lock lock) {
        Objects.requireNonNull(lock, "lock");
        if (!(lock instanceof BaseLock l)) {
            throw new IllegalArgumentException("a condition needs a lock made by an mp4j Context (lock() or rlock()),"
                    + " not a " + lock.getClass().getName());
        }
        return create(l);
    }

    @Override
    public Lock lock() {
        return lock;
    }

    @Override
    public void await() throws InterruptedException {
        doAwait(-1, true);
    }

    @Override
    public void awaitUninterruptibly() {
        try {
            doAwait(-1, false);
        } catch (InterruptedException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        long start = System.nanoTime();
        if (!doAwait(Math.max(0, nanosTimeout), true)) {
            return Math.min(0, nanosTimeout - (System.nanoTime() - start));
        }
        return Math.max(1, nanosTimeout - (System.nanoTime() - start));
    }

    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        return doAwait(Math.max(0, unit.toNanos(time)), true);
    }

    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        long millis = deadline.getTime() - System.currentTimeMillis();
        return doAwait(TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis)), true);
    }

    @Override
    public boolean waitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(predicate, "predicate");
        long deadline = timeout == null ? 0 : System.nanoTime() + Durations.toTimeoutNanos(timeout);
        boolean result = predicate.getAsBoolean();
        while (!result) {
            if (timeout == null) {
                doAwait(-1, true);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                doAwait(left, true);
            }
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * @param timeoutNanos at most this long; negative for no limit
     * @return true if signalled, false if the time ran out
     */
    private boolean doAwait(long timeoutNanos, boolean interruptibly) throws InterruptedException {
        long me = LockCore.currentOwner();
        if (!lock.core.isHeldBy(me)) {
            throw lock.core.notHeld("await on a condition of");
        }
        if (interruptibly && Thread.interrupted()) {
            throw new InterruptedException();
        }
        long ticket = takeTicket();
        int saved = lock.core.releaseFully(me);
        Wait w = new Wait(timeoutNanos, parked);
        boolean signalled = false;
        boolean interrupted = false;
        try {
            for (;;) {
                long v = seg.getLongVolatile(slot(ticket));
                if (!isTicket(v, ticket) || state(v) == SIGNALLED) {
                    signalled = true;
                    break;
                }
                boolean more;
                if (interruptibly) {
                    try {
                        more = w.pause();
                    } catch (InterruptedException e) {
                        interrupted = true;
                        more = false;
                    }
                } else {
                    more = w.pauseUninterruptibly();
                }
                if (!more) {
                    signalled = !seg.compareAndSetLong(slot(ticket), v,
                            encode(ticket, CANCELLED, ProcessLiveness.currentPid()));
                    break;
                }
            }
        } finally {
            w.done();
            lock.core.reacquire(me, saved);
            w.restoreInterrupt();
        }
        if (interrupted) {
            if (!signalled) {
                throw new InterruptedException();
            }
            Thread.currentThread().interrupt();
        }
        return signalled;
    }

    /** Under the lock: the next ticket, its slot marked waiting. */
    private long takeTicket() {
        long ticket = seg.getLong(NEXT);
        long head = seg.getLong(HEAD);
        while (head < ticket && !waiting(seg.getLongVolatile(slot(head)), head)) {
            head++;
        }
        seg.putLongVolatile(HEAD, head);
        // a slot is reused only once it no longer waits, so "overwritten means signalled" stays true for its
        // old waiter; ticket numbers whose slot still waits are skipped (signal passes over them)
        int skipped = 0;
        while (state(seg.getLongVolatile(slot(ticket))) == WAITING) {
            if (++skipped >= SLOTS) {
                throw new IllegalStateException("more than " + SLOTS + " threads wait on condition " + seg.name()
                        + " at once");
            }
            ticket++;
        }
        seg.putLongVolatile(slot(ticket), encode(ticket, WAITING, ProcessLiveness.currentPid()));
        seg.putLongVolatile(NEXT, ticket + 1);
        return ticket;
    }

    private static boolean waiting(long v, long ticket) {
        return isTicket(v, ticket) && state(v) == WAITING;
    }

    @Override
    public void signal() {
        signal(1);
    }

    @Override
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    @Override
    public void signal(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot signal a negative number of waiters: " + n);
        }
        if (!lock.core.isHeldBy(LockCore.currentOwner())) {
            throw lock.core.notHeld("signal a condition of");
        }
        long head = seg.getLong(HEAD);
        long next = seg.getLong(NEXT);
        int woken = 0;
        while (head < next && woken < n) {
            int off = slot(head);
            long v = seg.getLongVolatile(off);
            if (waiting(v, head)) {
                long pid = ConditionLayout.pid(v);
                if (pid != ProcessLiveness.currentPid() && ProcessLiveness.isDeadCached(pid)) {
                    seg.compareAndSetLong(off, v, encode(head, CANCELLED, pid));
                } else if (seg.compareAndSetLong(off, v, encode(head, SIGNALLED, pid))) {
                    woken++;
                }
            }
            head++;
        }
        seg.putLongVolatile(HEAD, head);
        if (woken > 0) {
            parked.wake();
        }
    }

    @Override
    public String toString() {
        return "Condition[" + seg.name() + ", " + lock + "]";
    }

    @Serial
    private Object writeReplace() {
        return token;
    }
}
