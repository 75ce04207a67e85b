package dev.mp4j.transport.chronicle;

import dev.mp4j.shm.HolderTable;
import dev.mp4j.shm.LazyWait;
import dev.mp4j.spi.NativeQueue;

/**
 * A {@link NativeQueue} over one {@link Stream}: every process that holds the queue appends to and takes from the
 * journal itself. A blocked producer or consumer spins, yields, polls, then sleeps until a process that changed the
 * stream rings its bell. Each handle counts as a holder; the last to close removes the files, so a queue outlives
 * the process that made it. A durable queue's handle counts nothing, and its files stay. A bounded queue is full at
 * its capacity in items, an unbounded one at the store's high-water mark of unread bytes.
 */
final class ChronicleQueue implements NativeQueue {
    private final Store store;
    private final Stream stream;
    private final int capacity;
    private boolean closed;

    /** A handle already counted as a holder. */
    ChronicleQueue(Store store) {
        this.store = store;
        this.stream = store.streams[0];
        this.capacity = store.capacity();
    }

    @Override
    public String name() {
        return store.name;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public boolean joinable() {
        return store.joinable();
    }

    @Override
    public boolean offer(byte[] item, long timeoutNanos) throws InterruptedException {
        if (capacity > 0) {
            try (LazyWait wait = new LazyWait(timeoutNanos, stream.notFull, Stream.SLEEP_NANOS)) {
                while (!stream.reserve(capacity)) {
                    if (!wait.pause()) {
                        return false;
                    }
                }
            }
        } else if (stream.aboveHighWater()) {
            try (LazyWait wait = new LazyWait(timeoutNanos, stream.notFull, Stream.SLEEP_NANOS)) {
                while (stream.aboveHighWater()) {
                    if (!wait.pause()) {
                        return false;
                    }
                }
            }
        }
        stream.append(item);
        return true;
    }

    @Override
    public byte[] poll(long timeoutNanos) throws InterruptedException {
        try (LazyWait wait = new LazyWait(timeoutNanos, stream.notEmpty, Stream.SLEEP_NANOS)) {
            while (true) {
                byte[] item = stream.take(Integer.MAX_VALUE);
                if (item != null) {
                    return item;
                }
                if (!wait.pause()) {
                    return null;
                }
            }
        }
    }

    @Override
    public int size() {
        long size = stream.size();
        return (int) (capacity > 0 ? Math.min(size, capacity) : Math.min(size, Integer.MAX_VALUE));
    }

    @Override
    public boolean taskDone() {
        while (true) {
            long done = store.state.getLongVolatile(StoreLayout.DONE_AT);
            long put = stream.put();
            if (done >= put) {
                return false;
            }
            if (store.state.compareAndSetLong(StoreLayout.DONE_AT, done, done + 1)) {
                if (done + 1 == put) {
                    store.joinWaiters.wake();
                }
                return true;
            }
        }
    }

    @Override
    public boolean join(long timeoutNanos) throws InterruptedException {
        try (LazyWait wait = new LazyWait(timeoutNanos, store.joinWaiters, Stream.SLEEP_NANOS)) {
            while (stream.put() - store.state.getLongVolatile(StoreLayout.DONE_AT) > 0) {
                if (!wait.pause()) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * @return a ticket of the store's table; 0 for a durable queue, which is never freed, and when the table tracks as
     *         many tokens in flight as it can
     */
    @Override
    public long depart() {
        if (store.table == null) {
            return 0;
        }
        try {
            return store.table.depart(HolderTable.HANDLE);
        } catch (IllegalStateException full) {
            return 0;
        }
    }

    @Override
    public void release(long ticket) {
        if (store.table != null) {
            store.releaseTicket(ticket);
        }
    }

    /** Lets go of this handle; the last holder in any live process removes the queue's files. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            store.release(HolderTable.HANDLE);
        }
    }
}
