package dev.mp4j.transport.shm;

import dev.mp4j.shm.LazyWait;
import dev.mp4j.spi.NativeQueue;

/**
 * A {@link NativeQueue} in a {@link Channel} of one {@link Ring}: every process that holds the queue appends to and
 * removes from the ring itself. A blocked producer or consumer spins, yields, polls, then sleeps until a process
 * that changed the ring rings its bell ({@link dev.mp4j.shm.Wait}, through {@link LazyWait}). Each handle counts as
 * a holder; the last holder to close removes the files, so a queue outlives the process that made it.
 *
 * <p>A bounded queue is full at its capacity in items, an unbounded one at the channel's high-water mark of unread
 * bytes ({@link dev.mp4j.spi.HighWaterMark}); either way a producer waits on the ring's {@code notFull}, which every
 * removal rings (for the mark, without the fence: a producer there may look again on its own, after its sleep).
 *
 * <p>A consumer killed after it removed an item and before it read a big one from its file loses that item
 * only; a producer killed mid-put adds the item whole or not at all.
 */
final class ShmQueue implements NativeQueue {
    private final Channel channel;
    private final Ring ring;
    private final int capacity;
    private boolean closed;

    /** A handle already counted as a holder. */
    ShmQueue(Channel channel) {
        this.channel = channel;
        this.ring = channel.rings[0];
        this.capacity = channel.capacity();
    }

    @Override
    public String name() {
        return channel.name;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public boolean joinable() {
        return channel.joinable();
    }

    @Override
    public boolean offer(byte[] item, long timeoutNanos) throws InterruptedException {
        if (timeoutNanos == 0 && capacity > 0 && ring.size() >= capacity) {
            return false;
        }
        Ring.Pending pending = new Ring.Pending(item);
        try (LazyWait wait = new LazyWait(timeoutNanos, ring.notFull, Ring.SLEEP_NANOS)) {
            while (ring.put(channel, pending, capacity, capacity == 0) == Ring.FULL) {
                if (!wait.pause()) {
                    return false;
                }
                if (wait.livenessCheckDue()) {
                    ring.recoverFromTheDead();
                }
            }
            return true;
        } finally {
            pending.discard();
        }
    }

    @Override
    public byte[] poll(long timeoutNanos) throws InterruptedException {
        try (LazyWait wait = new LazyWait(timeoutNanos, ring.notEmpty, Ring.SLEEP_NANOS)) {
            while (true) {
                Ring.Removed r = ring.isEmpty() ? Ring.EMPTY : ring.remove(Integer.MAX_VALUE);
                if (!r.isEmpty()) {
                    if (capacity > 0) {
                        ring.notFull.wake();
                    } else {
                        ring.notFull.wakeIfWaiting(); // producers at the mark: rare, and they look again on their own
                    }
                    return ring.item(r);
                }
                if (!wait.pause()) {
                    return null;
                }
                if (wait.livenessCheckDue()) {
                    ring.recoverFromTheDead();
                }
            }
        }
    }

    @Override
    public int size() {
        return ring.size();
    }

    @Override
    public boolean taskDone() {
        return channel.finishOne();
    }

    @Override
    public boolean join(long timeoutNanos) throws InterruptedException {
        try (LazyWait wait = new LazyWait(timeoutNanos, channel.joinWaiters, Ring.SLEEP_NANOS)) {
            while (channel.unfinished() > 0) {
                if (!wait.pause()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** @return a ticket of the queue's table; 0 when it tracks as many tokens in flight as it can */
    @Override
    public long depart() {
        try {
            return channel.depart(ChannelLayout.QUEUE_HOLDER);
        } catch (IllegalStateException full) {
            return 0;
        }
    }

    @Override
    public void release(long ticket) {
        channel.releaseTicket(ticket);
    }

    /** Lets go of this handle; the last holder in any live process removes the queue's files. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            channel.release(ChannelLayout.QUEUE_HOLDER);
        }
    }
}
