package dev.mp4j.core.link;

import dev.mp4j.MpException;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sending side of credit-based flow control, for one sender in this process (a queue handle, a copy of a pipe
 * end) towards the process that keeps what it sends: at most {@link #window()} bytes of its items may be unread
 * there. A send is charged its {@link #cost} before it goes; the owner gives the charge back as its reader takes the
 * item ({@link Inbox}), in batches of a quarter of the window.
 *
 * <p>An item costs its length, but at most half the window: an item of any size goes once at most half the window is
 * unread, and a sender that waits has more than half the window out, so the owner's batch of a quarter can never
 * hold back the credit it waits for. The owner keeps at most the window, in charges, per sender: a window's worth of
 * items, or two items of any size.
 *
 * <p>When the link to the owner closes, the window opens for good ({@link #open()}): waiters return and their send
 * fails for the real reason. Thread-safe.
 */
public final class SendWindow {
    private final long window;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition credited = lock.newCondition();
    /** Charged and not yet given back. Under the lock. */
    private long unread;
    private boolean unbounded;

    /** @param window the bytes that may be unread at the owner: {@link dev.mp4j.spi.HighWaterMark#bytes()} */
    public SendWindow(long window) {
        this.window = window;
    }

    /** @return the bytes this sender may have unread at the owner, which the owner learns when the sender attaches */
    public long window() {
        return window;
    }

    /** @return what an item of {@code length} bytes is charged, here and at the owner */
    public static long cost(int length, long window) {
        return Math.min(length, window / 2);
    }

    /**
     * Charges an item, waiting while the window has no room for it.
     *
     * @param timeoutNanos negative to wait as long as it takes, 0 not to wait
     * @return true once charged (or once the window is open for good), false if it stayed full until the timeout
     * @throws InterruptedException if interrupted while waiting (not when there is room); nothing is charged
     */
    public boolean acquire(int length, long timeoutNanos) throws InterruptedException {
        long cost = cost(length, window);
        // not lockInterruptibly: a sender with room goes whatever its interrupt status; only a wait looks at it
        lock.lock();
        try {
            long left = timeoutNanos;
            while (!unbounded && unread > 0 && unread + cost > window) {
                if (timeoutNanos == 0 || (timeoutNanos > 0 && left <= 0)) {
                    return false;
                }
                if (timeoutNanos < 0) {
                    credited.await();
                } else {
                    left = credited.awaitNanos(left);
                }
            }
            unread += cost;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link #acquire} for a send whose signature has no {@link InterruptedException} (a pipe's): an interrupt
     * while it waits fails the send, with nothing sent, and leaves the thread's interrupt status set.
     *
     * @throws MpException if interrupted while waiting
     */
    public void acquireForSend(int length) {
        try {
            acquire(length, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MpException("interrupted while waiting for the reader to take what this process sent "
                    + "before (" + (window >> 10) + " KiB unread): nothing was sent", e);
        }
    }

    /** Gives back what the owner's reader took. */
    public void credit(long bytes) {
        lock.lock();
        try {
            unread = Math.max(0, unread - bytes);
            credited.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The owner is gone or the link closed: nothing waits any more, and nothing is counted. */
    public void open() {
        lock.lock();
        try {
            unbounded = true;
            credited.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
