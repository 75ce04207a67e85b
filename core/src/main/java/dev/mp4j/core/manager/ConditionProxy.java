package dev.mp4j.core.manager;

import dev.mp4j.shm.Durations;

import java.io.Serial;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A proxy for a managed condition. Waits go in slices of 100 ms; between slices the calling thread holds the
 * lock again, so no signal can be missed (a signaller must hold the lock). {@link #waitFor} evaluates its
 * predicate here, with the lock held.
 */
final class ConditionProxy extends BaseProxy implements dev.mp4j.Condition {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final String AWAIT_SLICE = Protocol.sig(ServedCondition.class, "awaitSlice", long.class);
    private static final String SIGNAL = Protocol.sig(ServedCondition.class, "signal");
    private static final String SIGNAL_ALL = Protocol.sig(ServedCondition.class, "signalAll");
    private static final String SIGNAL_N = Protocol.sig(ServedCondition.class, "signal", int.class);
    private static final String LOCK = Protocol.sig(ServedCondition.class, "lock");
    private static final String END_WAIT = Protocol.sig(ServedCondition.class, "endWait");
    private transient volatile dev.mp4j.Lock lock;

    ConditionProxy(ManagerClient client, long id, String kind) {
        super(client, id, kind);
    }

    @Override
    public dev.mp4j.Lock lock() {
        dev.mp4j.Lock l = lock;
        if (l == null) {
            l = (dev.mp4j.Lock) call(LOCK);
            lock = l;
        }
        return l;
    }

    /**
     * Waits in slices; a wait that ends without a signal (its time passed, or an interrupt) leaves the condition's
     * queue in one more round trip, and if a signal reached it meanwhile, that signal is the wake-up.
     *
     * @return whether it was signalled
     */
    private boolean waitSliced(long nanos, boolean interruptible) throws InterruptedException {
        try {
            if (sliced(AWAIT_SLICE, null, nanos, interruptible) != null) {
                return true;
            }
        } catch (InterruptedException e) {
            if ((Boolean) call(END_WAIT)) {
                Thread.currentThread().interrupt();
                return true;
            }
            throw e;
        }
        return (Boolean) call(END_WAIT);
    }

    @Override
    public void await() throws InterruptedException {
        waitSliced(-1, true);
    }

    @Override
    public void awaitUninterruptibly() {
        try {
            waitSliced(-1, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        long deadline = System.nanoTime() + nanosTimeout;
        waitSliced(Math.max(0, nanosTimeout), true);
        return deadline - System.nanoTime();
    }

    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        return waitSliced(Math.max(0, unit.toNanos(time)), true);
    }

    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        return await(deadline.getTime() - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean waitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(predicate, "predicate");
        long deadline = timeout == null ? 0 : System.nanoTime() + Durations.toNanos(timeout);
        while (!predicate.getAsBoolean()) {
            if (timeout == null) {
                await();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                awaitNanos(left);
            }
        }
        return true;
    }

    @Override
    public void signal() {
        call(SIGNAL);
    }

    @Override
    public void signalAll() {
        call(SIGNAL_ALL);
    }

    @Override
    public void signal(int n) {
        call(SIGNAL_N, n);
    }
}
