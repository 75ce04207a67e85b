package dev.mp4j.spi;

/**
 * This process's handle on a queue a transport keeps itself ({@link NativeQueues}): multi-producer,
 * multi-consumer, first in first out for the items of each producer, each item taken exactly once.
 *
 * <p><b>Blocking.</b> A timeout is in nanoseconds: negative waits as long as it takes, 0 does not wait. A waiting
 * call must not burn a core for more than a few microseconds: spin briefly, then park (the shared-memory module's
 * {@code IdleStrategy} does both); a parked waiter then looks again about every millisecond (a few microseconds of
 * CPU a look) or sleeps until the process that changed the queue wakes it. A call that waits throws
 * {@link InterruptedException}, having changed nothing, when the thread is interrupted while it waits; the runtime
 * itself checks the interrupt status before a call that may wait, as {@code java.util.concurrent}'s queues do, so a
 * call that can complete at once need not look at it, and a call that does not wait (timeout 0) ignores it.
 *
 * <p><b>Other processes.</b> A producer killed in the middle of {@link #offer} adds the item whole or not at all; a
 * consumer killed in the middle of {@link #poll} loses at most the item it was taking. Neither blocks the others.
 *
 * <p><b>Memory consistency.</b> Actions in a process before it offers an item happen-before actions in any process
 * after the {@link #poll} that returns that item.
 *
 * <p>Thread-safe: any thread of the process may use the handle.
 */
public interface NativeQueue extends AutoCloseable {
    /** @return the name any process of the tree attaches by ({@link NativeQueues#attachQueue}) */
    String name();

    /** @return the most items it holds at once, or 0 for no bound */
    int capacity();

    /** @return whether it counts unfinished items */
    boolean joinable();

    /**
     * Adds an item, waiting up to the timeout for room: in a bounded queue, until it holds fewer items than its
     * capacity; in an unbounded one, until it holds fewer unread bytes than the {@link HighWaterMark} (an item is
     * taken whatever its size when the queue is empty).
     *
     * @param item the encoded item; the queue takes it over, the caller must not change it afterwards
     * @return true if added, false if the queue stayed full until the timeout
     */
    boolean offer(byte[] item, long timeoutNanos) throws InterruptedException;

    /** @return the next item, or null if none arrived within the timeout (never null when it waits without one) */
    byte[] poll(long timeoutNanos) throws InterruptedException;

    /** @return the number of items in the queue now: exact at the moment it is read, from 0 to the capacity */
    int size();

    /**
     * Marks one item taken from a joinable queue as done.
     *
     * @return false, changing nothing, if no item is unfinished
     */
    boolean taskDone();

    /**
     * Waits until every item put into a joinable queue is done.
     *
     * @return true once none is unfinished, false if the timeout came first
     */
    boolean join(long timeoutNanos) throws InterruptedException;

    /**
     * Takes a ticket for a token of this queue that is about to leave this process inside a message: the queue counts
     * as held from now on, until another process attaches the token ({@link NativeQueues#attachQueue(String, long)}),
     * this process releases the ticket, or this process dies (a token in flight dies with its sender). With tickets,
     * the runtime lets go of a queue as soon as this process's last {@code Queue} object over it is collected, even
     * if tokens of it left.
     *
     * <p>The default takes none (0): the transport does not count tokens in flight, and the runtime then keeps this
     * process's hold on a queue whose token left until the context closes, since the token names the queue only.
     * Implement it, with {@link #release(long)} and the two-argument {@code attachQueue}, where a program makes many
     * queues and hands them to other processes: otherwise their storage stays until the context closes.
     *
     * @return the ticket; 0 when the transport takes none, or can track no more tokens of this queue in flight now
     *         (the runtime then keeps this process's hold until its context closes, as above)
     */
    default long depart() {
        return 0;
    }

    /**
     * Gives back a ticket whose token will never be attached (its receiver ended first, or the message carrying it
     * was never sent). Idempotent, and allowed after this handle was closed: the ticket belongs to the queue, not to
     * the handle. If nothing else holds the queue, it is freed.
     */
    default void release(long ticket) {
    }

    /** Lets go of the queue in this process; the queue lives on while another process holds it. Idempotent. */
    @Override
    void close();
}
