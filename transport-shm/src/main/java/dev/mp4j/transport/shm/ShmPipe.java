package dev.mp4j.transport.shm;

import dev.mp4j.shm.LazyWait;
import dev.mp4j.shm.PeerEnd;
import dev.mp4j.spi.NativePipe;

/**
 * A {@link NativePipe} copy in a {@link Channel} of two rings: ring {@code e} holds the messages to end {@code e}.
 * The channel counts each end's open copies, so that a reader sees the end of the stream once the other end has
 * none left: at once after a close (the closer wakes the readers), and within a liveness interval (about 10 ms) of
 * the last holder's death. The last copy to close removes the files.
 */
final class ShmPipe implements NativePipe {
    private final Channel channel;
    private final int end;
    private final Ring in;
    private final Ring out;
    private final PeerEnd peer;
    private volatile boolean closed;
    /** Bumped by {@link #kick()}: a receive that began before returns null. */
    private volatile int kicks;

    /** A copy of {@code end} already counted in the channel. */
    ShmPipe(Channel channel, int end) {
        this(channel, end, 0);
    }

    /**
     * A copy of {@code end} already counted in the channel, whose stream also ends when process {@code watchedPid}
     * dies (0: none): for a link, whose other end may still be in flight to a process that dies before it attaches.
     */
    ShmPipe(Channel channel, int end, long watchedPid) {
        this.channel = channel;
        this.end = end;
        this.peer = new PeerEnd(channel.table(), end, watchedPid);
        this.in = channel.rings[end];
        this.out = channel.rings[1 - end];
    }

    @Override
    public String name() {
        return channel.name;
    }

    @Override
    public int end() {
        return end;
    }

    @Override
    public boolean duplex() {
        return channel.duplex();
    }

    /**
     * Never waits, whatever the other end holds: {@link #awaitWritable} is the wait, for callers that may. A link
     * sends here from the transport's threads.
     */
    @Override
    public boolean send(byte[] message) {
        if (!peer.isOpen()) {
            return false;
        }
        Ring.Pending pending = new Ring.Pending(message);
        try {
            return out.put(channel, pending, 0, false) == Ring.APPENDED;
        } finally {
            pending.discard();
        }
    }

    @Override
    public byte[] receive(long timeoutNanos, int maxLength) throws InterruptedException {
        return receive(timeoutNanos, maxLength, kicks);
    }

    /** @return the count of {@link #kick()}s so far, for {@link #receive(long, int, int)} */
    int kicks() {
        return kicks;
    }

    /** {@link #receive(long, int)}, returning null at once if a {@link #kick()} came after {@code kicked} was read. */
    byte[] receive(long timeoutNanos, int maxLength, int kicked) throws InterruptedException {
        try (LazyWait wait = new LazyWait(timeoutNanos, in.notEmpty, Ring.SLEEP_NANOS)) {
            while (!closed && kicks == kicked) {
                Ring.Removed r = in.isEmpty() ? Ring.EMPTY : in.remove(maxLength);
                if (!r.isEmpty()) {
                    if (r.payload() == null) {
                        return null;
                    }
                    in.notFull.wakeIfWaiting(); // a sender at the mark: rare, and it looks again on its own
                    return in.item(r);
                }
                if (ended(wait) || !wait.pause()) {
                    return null;
                }
            }
            return null;
        }
    }

    /** With the ring seen empty: whether the other end is gone; its holders' liveness only when the wait is due. */
    private boolean ended(LazyWait wait) {
        boolean due = wait.livenessCheckDue();
        if (due) {
            in.recoverFromTheDead();
        }
        return peer.isGone(due) && in.isEmpty();
    }

    /**
     * Makes the receives waiting in this process return null now, as if they had timed out: for a link whose
     * reader waits without a deadline and must take one up. Not part of {@link NativePipe}.
     */
    synchronized void kick() {
        kicks++;
        in.notEmpty.wake();
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) throws InterruptedException {
        try (LazyWait wait = new LazyWait(timeoutNanos, in.notEmpty, Ring.SLEEP_NANOS)) {
            while (!closed && in.isEmpty() && !ended(wait)) {
                if (!wait.pause()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Waits on the other end's ring, which each of its reader's removals rings, while it is above its mark. */
    @Override
    public boolean awaitWritable(long timeoutNanos) throws InterruptedException {
        if (!out.aboveHighWater()) {
            return true;
        }
        try (LazyWait wait = new LazyWait(timeoutNanos, out.notFull, Ring.SLEEP_NANOS)) {
            while (!closed && out.aboveHighWater()) {
                boolean due = wait.livenessCheckDue();
                if (due) {
                    out.recoverFromTheDead();
                }
                if (peer.isGone(due)) {
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
        return in.isEmpty() && peer.isGone() && in.isEmpty();
    }

    @Override
    public long depart() {
        return channel.depart(end);
    }

    @Override
    public void release(long ticket) {
        channel.releaseTicket(ticket);
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
        channel.release(end);
        in.notEmpty.wake();
        out.notEmpty.wake();
        // senders waiting for room: this copy's own, and the other end's if this was the last reader
        in.notFull.wake();
        out.notFull.wake();
    }
}
