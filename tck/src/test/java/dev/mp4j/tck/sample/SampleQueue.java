package dev.mp4j.tck.sample;

import dev.mp4j.shm.BackoffIdleStrategy;
import dev.mp4j.spi.NativeQueue;

/**
 * A {@link NativeQueue} in a {@link SampleFile}: one ring that every process appends to and removes from. Each handle
 * counts as a holder; the last holder to close removes the files.
 */
final class SampleQueue implements NativeQueue {
    private final SampleFile file;
    private boolean closed;

    /** A new handle, already counted as a holder by the caller. */
    SampleQueue(SampleFile file) {
        this.file = file;
    }

    @Override
    public String name() {
        return file.name();
    }

    @Override
    public int capacity() {
        return file.capacity();
    }

    @Override
    public boolean joinable() {
        return file.joinable();
    }

    @Override
    public boolean offer(byte[] item, long timeoutNanos) throws InterruptedException {
        if (timeoutNanos == 0 && !hasRoom()) {
            return false;
        }
        SampleFile.Prepared p = SampleFile.prepare(item);
        long deadline = SampleFile.deadline(timeoutNanos);
        BackoffIdleStrategy idle = SampleFile.idle();
        try {
            while (true) {
                if (hasRoom()) {
                    file.lock();
                    try {
                        if (file.append(0, p)) {
                            p = null;
                            return true;
                        }
                    } finally {
                        file.unlock();
                    }
                }
                if (timeoutNanos == 0 || !SampleFile.pause(idle, deadline)) {
                    return false;
                }
            }
        } finally {
            if (p != null) {
                SampleFile.discard(p);
            }
        }
    }

    /** A bounded queue has room below its capacity in items, an unbounded one below its mark in bytes. */
    private boolean hasRoom() {
        return file.capacity() > 0 ? file.hasRoom(0) : !file.aboveHighWater(0);
    }

    @Override
    public byte[] poll(long timeoutNanos) throws InterruptedException {
        long deadline = SampleFile.deadline(timeoutNanos);
        BackoffIdleStrategy idle = SampleFile.idle();
        while (true) {
            if (file.size(0) > 0) {
                SampleFile.Removed r;
                file.lock();
                try {
                    r = file.remove(0, Integer.MAX_VALUE);
                } finally {
                    file.unlock();
                }
                if (r != null) {
                    return SampleFile.take(r);
                }
            }
            if (timeoutNanos == 0 || !SampleFile.pause(idle, deadline)) {
                return null;
            }
        }
    }

    @Override
    public int size() {
        return file.size(0);
    }

    @Override
    public boolean taskDone() {
        file.lock();
        try {
            return file.finishOne();
        } finally {
            file.unlock();
        }
    }

    @Override
    public boolean join(long timeoutNanos) throws InterruptedException {
        long deadline = SampleFile.deadline(timeoutNanos);
        BackoffIdleStrategy idle = SampleFile.idle();
        while (file.unfinished() > 0) {
            if (timeoutNanos == 0 || !SampleFile.pause(idle, deadline)) {
                return false;
            }
        }
        return true;
    }

    /** @return a ticket of the file's; 0 when it tracks as many tokens in flight as it can */
    @Override
    public long depart() {
        try {
            return file.depart(SampleFile.HOLDER);
        } catch (IllegalStateException full) {
            return 0;
        }
    }

    @Override
    public void release(long ticket) {
        file.lock();
        try {
            file.removeTicket(ticket);
            unlinkIfUnheld();
        } finally {
            file.unlock();
        }
    }

    /** Lets go of this handle; the last holder (in any live process, or a token in flight) removes the queue's files. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        file.lock();
        try {
            file.removeHolder(SampleFile.HOLDER);
            unlinkIfUnheld();
        } finally {
            file.unlock();
        }
    }

    /** Under the lock: once no live process holds the queue, nor a token of it in flight, nobody can use it. */
    private void unlinkIfUnheld() {
        if (!file.gone() && file.holders(SampleFile.HOLDER) == 0) {
            file.unlinkAll(1);
        }
    }
}
