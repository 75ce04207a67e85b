package dev.mp4j.shm;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who holds a structure that several processes share (a queue, a pipe), so that the last one to let go removes it:
 * a table in a segment, counting per process how many handles it holds of each of up to two ends (a pipe's), or of
 * a structure as a whole ({@link #HANDLE}), and the departure tickets of copies in flight from one process to
 * another. A process that dies stops counting at once, without running anything: entries are by pid.
 *
 * <p>The table is changed under a {@link RobustLock}, each change ordered so that a death half-way leaves it whole:
 * an entry's count is its last word written, and a free entry is one whose count is 0 or whose process is dead.
 * Once the last holder lets go the table is <em>gone</em> ({@link #isGone}): nobody can hold it again, and the one
 * whose release made it so is told, to remove the structure's files.
 *
 * <pre>
 *    0  LOCK      long  the {@link RobustLock} of everything below
 *    8  GONE      int   0 while it may be held; 1 once sealed; 2 once the last holder let go (told to remove it)
 *   16  OPEN      int[2] copies of each end held or in flight, exact for closes; deaths need the table
 *   32  HOLDERS   {@value #ENTRIES} x (pid long, end int, count int)
 *       TICKETS   {@value #ENTRIES} x (ticket long, sender pid long, end int, pad int)
 * </pre>
 *
 * Thread-safe; every method but {@link #openCount} and {@link #isGone} takes the lock.
 */
public final class HolderTable {
    /** Processes (holders), and copies in flight (tickets), a table tracks at once. */
    public static final int ENTRIES = 256;
    /** The end under which handles on a structure as a whole (a queue's) are counted. */
    public static final int HANDLE = 2;
    /** Where GONE is, from the table's start: for a reader without a table object, such as a structure's part. */
    public static final int GONE_AT = 8;

    private static final int SEALED = 1;
    private static final int REMOVED = 2;
    private static final int LOCK_AT = 0;
    private static final int OPEN_AT = 16;
    private static final int HOLDERS_AT = 32;
    private static final int HOLDER_BYTES = 16;
    private static final int TICKETS_AT = HOLDERS_AT + ENTRIES * HOLDER_BYTES;
    private static final int TICKET_BYTES = 24;
    /** The bytes a table takes, from an offset that is a multiple of 8; they start out zero. */
    public static final int BYTES = TICKETS_AT + ENTRIES * TICKET_BYTES;

    private static final long ME = ProcessLiveness.currentPid();

    private final MappedSegment seg;
    private final int base;
    private final String name;
    private final RobustLock lock;

    /**
     * @param base where the table starts in {@code seg}: a multiple of 8
     * @param name what the structure is called in error messages
     */
    public HolderTable(MappedSegment seg, int base, String name) {
        this.seg = seg;
        this.base = base;
        this.name = name;
        // the table's changes are ordered to be safe half-done: a takeover has nothing to repair
        this.lock = new RobustLock(seg, base + LOCK_AT, () -> {});
    }

    /** @return whether the last holder let go (or the table was sealed): nobody may hold it any more */
    public boolean isGone() {
        return seg.getIntVolatile(base + GONE_AT) != 0;
    }

    /** @return copies of {@code end} (0 or 1) held now or in flight, by count: exact for closes, blind to deaths */
    public int openCount(int end) {
        return seg.getIntVolatile(open(end));
    }

    /**
     * Counts one more holder of {@code end} in this process, turning a departure ticket into it in the same step. A
     * ticket that is no longer there is no error while {@code end} has an open copy: one encoded token may be decoded
     * more than once (a pool sends one encoding of a function to each of its workers), and a copy after the first is
     * a copy of an end that is still open, as a duplicated file descriptor is. An end with no open copy left has
     * ended, and is never opened again.
     *
     * @param end    0 or 1 for a pipe's ends, {@link #HANDLE} for a handle on the whole structure
     * @param ticket the ticket to take, or 0
     * @throws IOException if the table is gone, or the ticket is not there and nothing holds {@code end} any more
     */
    public void hold(int end, long ticket) throws IOException {
        lock.lock();
        try {
            if (isGone()) {
                throw new IOException(name + " is gone: every process that held it let go");
            }
            if (ticket != 0 && !hasTicket(ticket) && holdersLocked(end, false) == 0) {
                throw new IOException("the copy of " + name + " with ticket " + ticket + " was already attached or"
                        + " released, and no copy of that end is open any more");
            }
            // the holder first, then the ticket: a reader of the open count without the lock never sees 0 between
            addHolder(end);
            if (ticket != 0) {
                removeTicket(ticket);
            }
        } finally {
            lock.unlock();
        }
    }

    private void addHolder(int end) {
        int free = -1;
        for (int i = 0; i < ENTRIES; i++) {
            int at = holder(i);
            long pid = seg.getLong(at);
            if (pid == ME && seg.getInt(at + 8) == end) {
                seg.putInt(at + 12, seg.getInt(at + 12) + 1);
                bumpOpen(end, 1);
                return;
            }
            if (free < 0 && (pid == 0 || seg.getInt(at + 12) == 0 || ProcessLiveness.isDeadCached(pid))) {
                free = at;
            }
        }
        if (free < 0) {
            throw new IllegalStateException(name + " is held by " + ENTRIES
                    + " processes already, the most a shared queue or pipe tracks");
        }
        seg.putInt(free + 12, 0);
        seg.putLong(free, ME);
        seg.putInt(free + 8, end);
        seg.putInt(free + 12, 1);
        bumpOpen(end, 1);
    }

    private void bumpOpen(int end, int delta) {
        if (end < HANDLE) {
            seg.getAndAddInt(open(end), delta);
        }
    }

    /**
     * One holder of {@code end} in this process fewer.
     *
     * @return true if no live process holds anything, nor has a copy in flight, any more: the table is gone now, and
     *         the caller (told once) removes the structure
     */
    public boolean release(int end) {
        lock.lock();
        try {
            for (int i = 0; i < ENTRIES; i++) {
                int at = holder(i);
                if (seg.getLong(at) == ME && seg.getInt(at + 8) == end && seg.getInt(at + 12) > 0) {
                    seg.putInt(at + 12, seg.getInt(at + 12) - 1);
                    bumpOpen(end, -1);
                    break;
                }
            }
            return goneIfUnheld();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses every later {@link #hold}: for a server that stops accepting. */
    public void seal() {
        lock.lock();
        try {
            if (!isGone()) {
                seg.putIntVolatile(base + GONE_AT, SEALED);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes a ticket for a copy of {@code end} leaving this process; it counts as open until used or released. */
    public long depart(int end) {
        long ticket;
        do {
            ticket = ThreadLocalRandom.current().nextLong();
        } while (ticket == 0);
        lock.lock();
        try {
            for (int i = 0; i < ENTRIES; i++) {
                int at = ticket(i);
                long sender = seg.getLong(at + 8);
                if (seg.getLong(at) == 0 || sender != ME && ProcessLiveness.isDeadCached(sender)) {
                    if (seg.getLong(at) != 0) {
                        // the dead sender's ticket word first, as in removeTicket: a death between the two
                        // steps then leaves the count too high (a late end of stream), never too low
                        seg.putLongVolatile(at, 0);
                        bumpOpen(seg.getInt(at + 16), -1);
                    }
                    seg.putLong(at + 8, ME);
                    seg.putInt(at + 16, end);
                    seg.putLongVolatile(at, ticket);
                    bumpOpen(end, 1);
                    return ticket;
                }
            }
        } finally {
            lock.unlock();
        }
        throw new IllegalStateException(name + " has " + ENTRIES + " copies in flight already, the most it tracks");
    }

    /**
     * Gives back a ticket that will never be used; idempotent.
     *
     * @return as {@link #release}: true if the table is gone now, and the caller removes the structure
     */
    public boolean releaseTicket(long ticket) {
        lock.lock();
        try {
            removeTicket(ticket);
            // a process that holds the structure itself (a queue's token decoded where it is held already) cannot
            // have made it unheld: no need to ask after every other holder's process
            return !holdsHere() && goneIfUnheld();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: whether this process holds any end. */
    private boolean holdsHere() {
        for (int i = 0; i < ENTRIES; i++) {
            int at = holder(i);
            if (seg.getLong(at) == ME && seg.getInt(at + 12) > 0) {
                return true;
            }
        }
        return false;
    }

    private boolean hasTicket(long ticket) {
        for (int i = 0; i < ENTRIES; i++) {
            if (seg.getLong(ticket(i)) == ticket) {
                return true;
            }
        }
        return false;
    }

    private void removeTicket(long ticket) {
        for (int i = 0; i < ENTRIES; i++) {
            int at = ticket(i);
            if (seg.getLong(at) == ticket) {
                seg.putLongVolatile(at, 0);
                bumpOpen(seg.getInt(at + 16), -1);
                return;
            }
        }
    }

    /**
     * @return the holders of {@code end} that count: copies (or handles) in live processes, and copies in flight
     *         whose sender lives; a copy that attaches takes its ticket and adds itself under one lock
     */
    public int holders(int end) {
        lock.lock();
        try {
            return holdersLocked(end, false);
        } finally {
            lock.unlock();
        }
    }

    /** @param exact whether to ask about each process now, rather than trust a verdict of the last 10 ms */
    private int holdersLocked(int end, boolean exact) {
        int open = 0;
        for (int i = 0; i < ENTRIES; i++) {
            int at = holder(i);
            long pid = seg.getLong(at);
            int count = seg.getInt(at + 12);
            if (pid != 0 && count > 0 && seg.getInt(at + 8) == end && (pid == ME || !isDead(pid, exact))) {
                open += count;
            }
            int t = ticket(i);
            long sender = seg.getLong(t + 8);
            if (seg.getLong(t) != 0 && seg.getInt(t + 16) == end && (sender == ME || !isDead(sender, exact))) {
                open++;
            }
        }
        return open;
    }

    private static boolean isDead(long pid, boolean exact) {
        return exact ? ProcessLiveness.isDead(pid) : ProcessLiveness.isDeadCached(pid);
    }

    /** Under the lock: once no live process holds any end, nor a copy in flight, nobody can use it. */
    private boolean goneIfUnheld() {
        for (int end = 0; end <= HANDLE; end++) {
            if (holdersLocked(end, true) > 0) {
                return false;
            }
        }
        if (seg.getIntVolatile(base + GONE_AT) == REMOVED) {
            return false; // an earlier last release was told already
        }
        seg.putIntVolatile(base + GONE_AT, REMOVED);
        return true;
    }

    private int open(int end) {
        return base + OPEN_AT + end * Integer.BYTES;
    }

    private int holder(int i) {
        return base + HOLDERS_AT + i * HOLDER_BYTES;
    }

    private int ticket(int i) {
        return base + TICKETS_AT + i * TICKET_BYTES;
    }
}
