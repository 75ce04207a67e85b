package dev.mp4j.transport.chronicle;

import dev.mp4j.shm.LazyWait;
import dev.mp4j.shm.PeerEnd;
import dev.mp4j.spi.NativePipe;


/**
 * A {@link NativePipe} copy over a {@link Store} of two streams: stream {@code e} holds the messages to end
 * {@code e}. The store's table counts each end's open copies, so that a reader sees the end of the stream once the
 * other end has none left: at once after a close (the closer wakes the readers), and within a liveness interval
 * (about 10 ms) of the last holder's death. The last copy to close removes the files.
 */
final class ChroniclePipe implements NativePipe {
    private final Store store;
    private final int end;
    private final Stream in;
    private final Stream out;
    private final PeerEnd peer;
    private volatile boolean closed;

    /** A copy of {@code end} already counted in the store's table. */
    ChroniclePipe(Store store, int end) {
        this.store = store;
        this.end = end;
        this.in = store.streams[end];
        this.out = store.streams[1 - end];
        this.peer = new PeerEnd(store.table, end, 0);
    }

    @Override
    public String name() {
        return store.name;
    }

    @Override
    public int end() {
        return end;
    }

    @Override
    public boolean duplex() {
        return store.duplex();
    }

    /** Never waits, whatever the other end holds: {@link #awaitWritable} is the wait, for callers that may. */
    @Override
    public boolean send(byte[] message) {
        if (!peer.isOpen()) {
            return false;
        }
        out.append(message);
        return true;
    }

    @Override
    public byte[] receive(long timeoutNanos, int maxLength) throws InterruptedException {
        try (LazyWait wait = new LazyWait(timeoutNanos, in.notEmpty, Stream.SLEEP_NANOS)) {
            while (!closed) {
                byte[] m = in.take(maxLength);
                if (m == Stream.TOO_LONG) {
                    return null;
                }
                if (m != null) {
                    return m;
                }
                if (ended(wait) || !wait.pause()) {
                    return null;
                }
            }
            return null;
        }
    }

    /** With the stream seen empty: whether the other end is gone; its holders' liveness only when the wait is due. */
    private boolean ended(LazyWait wait) {
        return peer.isGone(wait.livenessCheckDue()) && in.headLength() < 0;
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) throws InterruptedException {
        try (LazyWait wait = new LazyWait(timeoutNanos, in.notEmpty, Stream.SLEEP_NANOS)) {
            while (!closed && in.headLength() < 0 && !ended(wait)) {
                if (!wait.pause()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Waits on the other end's stream, which each of its reader's takes rings, while it is above its mark. */
    @Override
    public boolean awaitWritable(long timeoutNanos) throws InterruptedException {
        if (!out.aboveHighWater()) {
            return true;
        }
        try (LazyWait wait = new LazyWait(timeoutNanos, out.notFull, Stream.SLEEP_NANOS)) {
            while (!closed && out.aboveHighWater()) {
                if (peer.isGone(wait.livenessCheckDue())) {
                    return true;
                }
                if (!wait.pause()) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public int headLength() {
        return in.headLength();
    }

    @Override
    public boolean isEnded() {
        return in.headLength() < 0 && peer.isGone() && in.headLength() < 0;
    }

    @Override
    public long depart() {
        return store.table.depart(end);
    }

    @Override
    public void release(long ticket) {
        store.releaseTicket(ticket);
        // a ticket of this end may have been what kept the other end's readers waiting
        out.notEmpty.wake();
    }

    /** Closes this copy: its blocked readers return, and the other end's readers see the end if it was the last. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        in.notEmpty.wake();
        out.notEmpty.wake();
        // senders waiting for room: this copy's own, and the other end's if this was the last reader
        in.notFull.wake();
        out.notFull.wake();
        store.release(end);
    }
}
