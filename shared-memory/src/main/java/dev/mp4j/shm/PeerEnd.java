package dev.mp4j.shm;

import java.util.concurrent.TimeUnit;

/**
 * The other end of a pipe, as one copy of an end sees it through the pipe's {@link HolderTable}: whether a message
 * sent now can still be read, and whether the stream has ended for a reader. A close is seen at once (the closer's
 * count is exact); a death within the liveness interval, since only asking the OS tells it.
 *
 * <p>Thread-safe.
 */
public final class PeerEnd {
    /** How long a sender trusts that the other end's holders live before it asks again. */
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final HolderTable table;
    private final int peer;
    private final long watchedPid;
    private volatile long checkedAt = System.nanoTime() - CHECK_NANOS;

    /**
     * @param end        this copy's end, 0 or 1
     * @param watchedPid a process whose death also ends the other end (0: none): for a link, whose other end may
     *                   still be in flight to a process that dies before it attaches
     */
    public PeerEnd(HolderTable table, int end, long watchedPid) {
        this.table = table;
        this.peer = 1 - end;
        this.watchedPid = watchedPid;
    }

    /**
     * @return whether the other end has an open copy: exact for closes, at most 10 ms late for deaths; for a sender,
     *         which sends nothing once it is false
     */
    public boolean isOpen() {
        if (table.openCount(peer) == 0) {
            return false;
        }
        long now = System.nanoTime();
        if (now - checkedAt < CHECK_NANOS) {
            return true;
        }
        boolean open = !isGone();
        if (open) {
            checkedAt = now;
        }
        return open;
    }

    /**
     * For a reader that found nothing to read: whether the other end is gone, asking about deaths only when
     * {@code livenessDue} (its wait's liveness check); closes are seen whenever asked.
     */
    public boolean isGone(boolean livenessDue) {
        return table.openCount(peer) == 0 || livenessDue && isGone();
    }

    /** @return whether no live process holds a copy of the other end, nor has one in flight; asks the OS */
    public boolean isGone() {
        return table.holders(peer) == 0 || watchedPid != 0 && ProcessLiveness.isDead(watchedPid);
    }
}
