package dev.mp4j.core.queue;

import dev.mp4j.core.codec.Departures;
import dev.mp4j.core.link.Caller;
import dev.mp4j.core.link.FrameLimit;
import dev.mp4j.core.link.Inbox;
import dev.mp4j.core.link.Kind;
import dev.mp4j.core.link.Node;
import dev.mp4j.core.link.Owned;
import dev.mp4j.core.link.Reply;
import dev.mp4j.core.link.Wire;
import dev.mp4j.runtime.Token;
import dev.mp4j.shm.IdleStrategy;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue, in the process that created it (its owner). Local producers and consumers work on it directly;
 * remote ones through frames: unbounded puts arrive without a reply, bounded puts and every get are calls,
 * which wait here (not in the caller) while the queue is full or empty, and are answered when they can be.
 *
 * <p>Items are kept encoded; a consumer decodes what it takes. One lock guards everything.
 *
 * <p><b>Flow control.</b> An unbounded queue keeps at most a window of unread bytes from each handle of another
 * process ({@link dev.mp4j.spi.HighWaterMark}): the handle is charged for each put and waits when its window is
 * full, and the queue gives the charge back as the items are taken ({@link Inbox}). This process's own puts are
 * bounded only by its memory, as any collection of its own.
 *
 * <p><b>Lifetime.</b> The queue is freed (unregistered, its items dropped) once no process can reach it: every
 * handle of this process collected ({@link #handleGone}), every handle of another process detached (collected
 * there) or its link closed, and every token that left a process resolved or given back. What it holds then could
 * never be taken. Until then it lives, however long ago it was closed: Python's queue lives as long as someone
 * holds it, too.
 */
final class QueueState implements QueueBackend, Owned {
    final Node node;
    final long id;
    private final int maxsize;
    private final boolean joinable;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition allDone = lock.newCondition();
    /** The items, each with the account of the process that put it, credited when it is taken. */
    private final Inbox items = new Inbox();
    private final ArrayDeque<Request> blockedPuts = new ArrayDeque<>();
    private final ArrayDeque<Request> waitingGets = new ArrayDeque<>();
    private final List<Request> joins = new ArrayList<>();
    private long unfinished;
    private int localTakers;
    private volatile int count;

    /** A remote call waiting here; {@code item} is the item of a blocked put. */
    private record Request(Caller link, long requestId, byte[] item) {}

    /** A handle in another process: its link, and the key that process gave it (its receiver id there). */
    private record Handle(Caller link, long key) {}

    // who can still reach the queue; under the lock
    private int localHandles;
    /** The handles of other processes, each with its account as a sender (null for a bounded queue's). */
    private final Map<Handle, Inbox.Sender> remoteHandles = new HashMap<>();
    /** Tickets of tokens in flight. */
    private final Set<Long> pending = new HashSet<>();
    /** Tickets given back before their pending notice arrived (it travels on another link). */
    private final Set<Long> returnedEarly = new HashSet<>();
    private boolean freed;
    /** The links this queue asked to hear of the close of: each forgets it once the queue is freed. */
    private final Set<Caller> touchedBy = new HashSet<>();

    private final boolean spin;

    /**
     * @param spin whether a local taker spins and yields before it parks ({@link IdleStrategy#spinThenYield()}): a
     *             consumer that keeps up with a streaming producer then never pays a park and an unpark. Off for a
     *             thread that must not take CPU from the processes it waits for.
     */
    QueueState(Node node, long id, int maxsize, boolean joinable, boolean spin) {
        this.node = node;
        this.id = id;
        this.maxsize = maxsize;
        this.joinable = joinable;
        this.spin = spin;
    }

    @Override
    public Kind kind() {
        return QueueKind.KIND;
    }

    @Override
    public Node node() {
        return node;
    }

    private boolean full() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    // ---- local use, and the core of remote use. Methods named *Locked run under the lock.

    @Override
    public boolean put(byte[] item, long timeoutNanos) throws InterruptedException {
        lockFor(maxsize > 0 ? timeoutNanos : 0); // a put into an unbounded queue never waits
        try {
            long left = timeoutNanos;
            while (full()) {
                if (timeoutNanos == 0 || (timeoutNanos > 0 && left <= 0)) {
                    return false;
                }
                if (timeoutNanos < 0) {
                    notFull.await();
                } else {
                    left = notFull.awaitNanos(left);
                }
            }
            addLocked(item);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public byte[] take(long timeoutNanos) throws InterruptedException {
        if (timeoutNanos != 0 && spin) {
            IdleStrategy idle = IdleStrategy.spinThenYield();
            while (count == 0 && idle.idle()) {
                // a consumer that keeps up with a fast producer never parks
            }
        }
        lockFor(timeoutNanos);
        try {
            long left = timeoutNanos;
            while (items.isEmpty()) {
                if (timeoutNanos == 0 || (timeoutNanos > 0 && left <= 0)) {
                    return null;
                }
                localTakers++;
                try {
                    if (timeoutNanos < 0) {
                        notEmpty.await();
                    } else {
                        left = notEmpty.awaitNanos(left);
                    }
                } catch (InterruptedException e) {
                    // an item may have been left for this taker while it was leaving: hand it on
                    localTakers--;
                    serveWaitingGetsLocked();
                    throw e;
                }
                localTakers--;
            }
            return removeLocked();
        } finally {
            lock.unlock();
        }
    }

    private void addLocked(byte[] item) {
        addLocked(item, null);
    }

    /** @param from the account of the remote handle that put it; null for nobody's */
    private void addLocked(byte[] item, Inbox.Sender from) {
        items.addLast(item, from);
        if (joinable) {
            unfinished++;
        }
        serveWaitingGetsLocked();
        if (localTakers > 0) {
            notEmpty.signal();
        }
    }

    /** Gives remote takers what local takers (who go first) will not take. */
    private void serveWaitingGetsLocked() {
        while (!waitingGets.isEmpty() && items.size() > localTakers) {
            Request get = waitingGets.pollFirst();
            if (carries(get.link(), get.requestId())) {
                get.link().reply(get.requestId(), Wire.OK, 0, items.pollFirst());
            }
        }
        count = items.size();
    }

    /**
     * Whether the next item fits what the taker's link carries; if not, the taker's call fails with the reason and
     * the item stays for another taker (processes whose limits differ: one set {@code mp4j.netty.maxFrameBytes}
     * lower than the queue's owner). Under the lock.
     */
    private boolean carries(Caller link, long requestId) {
        int length = items.peekFirst().length;
        if (length <= link.maxPayloadBytes()) {
            return true;
        }
        link.replyError(requestId, FrameLimit.exceeded(length, link.maxPayloadBytes(), "the link to this taker")
                .getMessage() + "; the item stays in the queue for another taker");
        return false;
    }

    /** Calls that must not wait do not wait for the lock interruptibly either, as in ArrayBlockingQueue. */
    private void lockFor(long timeoutNanos) throws InterruptedException {
        if (timeoutNanos == 0) {
            lock.lock();
        } else {
            lock.lockInterruptibly();
        }
    }

    private byte[] removeLocked() {
        byte[] item = items.pollFirst();
        while (!blockedPuts.isEmpty() && !full()) {
            Request put = blockedPuts.pollFirst();
            addLocked(put.item());
            put.link().reply(put.requestId(), Wire.OK);
        }
        count = items.size();
        notFull.signal();
        return item;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int maxsize() {
        return maxsize;
    }

    @Override
    public void taskDone() {
        lock.lock();
        try {
            taskDoneLocked();
        } finally {
            lock.unlock();
        }
    }

    private void taskDoneLocked() {
        if (unfinished == 0) {
            throw new IllegalStateException("taskDone() called more times than there were items put");
        }
        if (--unfinished == 0) {
            allDone.signalAll();
            joins.forEach(j -> j.link().reply(j.requestId(), Wire.OK));
            joins.clear();
        }
    }

    @Override
    public void join() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (unfinished > 0) {
                allDone.await();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
        // local puts are in the queue when put returns
    }

    @Override
    public void release() {
        node.unregister(id);
    }

    /** A token of this queue leaves this process: it takes a ticket, given back where it is resolved. */
    @Override
    public Token token() {
        long ticket = Departures.newTicket();
        lock.lock();
        try {
            pending.add(ticket);
        } finally {
            lock.unlock();
        }
        Departures.onRelease(() -> ticketGivenBack(ticket));
        return QueueKind.token(node.transportName(), node.address(), id, maxsize, joinable, ticket);
    }

    @Override
    public void handleOpened() {
        lock.lock();
        try {
            localHandles++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void handleGone() {
        lock.lock();
        try {
            localHandles--;
            freeIfUnreachableLocked();
        } finally {
            lock.unlock();
        }
    }

    /** A token was resolved in this process, after the handle it became was counted. */
    void ticketReturned(long ticket) {
        lock.lock();
        try {
            returnTicketLocked(ticket);
            freeIfUnreachableLocked();
        } finally {
            lock.unlock();
        }
    }

    private void ticketGivenBack(long ticket) {
        lock.lock();
        try {
            ticketGivenBackLocked(ticket);
        } finally {
            lock.unlock();
        }
    }

    private void ticketGivenBackLocked(long ticket) {
        if (pending.remove(ticket)) {
            freeIfUnreachableLocked();
        }
    }

    private void returnTicketLocked(long ticket) {
        if (ticket != 0 && !pending.remove(ticket)) {
            returnedEarly.add(ticket);
        }
    }

    private void freeIfUnreachableLocked() {
        if (!freed && localHandles <= 0 && remoteHandles.isEmpty() && pending.isEmpty()) {
            freed = true;
            items.clear();
            node.unregister(id);
            touchedBy.forEach(link -> link.untouch(this));
            touchedBy.clear();
        }
    }

    /** Under the lock. */
    private void touchedBy(Caller link) {
        if (touchedBy.add(link)) {
            link.touch(this);
        }
    }

    // ---- frames from other processes, on a transport thread

    @Override
    public void onFrame(Caller link, byte op, ByteBuffer f) {
        lock.lock();
        try {
            long req = Wire.y(f);
            boolean wait = Wire.z(f) != 0;
            if (op == QueueKind.PUT) {
                addLocked(Wire.payload(f), remoteHandles.get(new Handle(link, Wire.z(f))));
            } else if (op == QueueKind.ATTACH) {
                long key = Wire.z(f);
                remoteHandles.put(new Handle(link, key), Inbox.sender(link, key, QueueKind.CREDIT, f));
                touchedBy(link);
                returnTicketLocked(req);
            } else if (op == QueueKind.DETACH) {
                remoteHandles.remove(new Handle(link, Wire.z(f)));
                freeIfUnreachableLocked();
            } else if (op == QueueKind.PENDING) {
                if (Wire.z(f) == 1) {
                    ticketGivenBackLocked(req);
                } else if (!returnedEarly.remove(req)) {
                    pending.add(req);
                }
            } else if (op == QueueKind.PUT_CALL) {
                if (!full()) {
                    addLocked(Wire.payload(f));
                    link.reply(req, Wire.OK);
                } else if (wait) {
                    blockedPuts.addLast(new Request(link, req, Wire.payload(f)));
                    touchedBy(link);
                } else {
                    link.reply(req, Wire.FALSE);
                }
            } else if (op == QueueKind.GET) {
                if (!items.isEmpty()) {
                    if (carries(link, req)) {
                        link.reply(req, Wire.OK, 0, removeLocked());
                    }
                } else if (wait) {
                    waitingGets.addLast(new Request(link, req, null));
                    touchedBy(link);
                } else {
                    link.reply(req, Wire.FALSE);
                }
            } else if (op == QueueKind.SIZE) {
                link.reply(req, Wire.OK, items.size(), Reply.NONE);
            } else if (op == QueueKind.TASK_DONE) {
                try {
                    taskDoneLocked();
                    link.reply(req, Wire.OK);
                } catch (IllegalStateException e) {
                    link.replyError(req, e.getMessage());
                }
            } else if (op == QueueKind.JOIN) {
                if (unfinished == 0) {
                    link.reply(req, Wire.OK);
                } else {
                    joins.add(new Request(link, req, null));
                    touchedBy(link);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void cancel(Caller link, long requestId) {
        lock.lock();
        try {
            if (blockedPuts.removeIf(r -> r.link() == link && r.requestId() == requestId)
                    | waitingGets.removeIf(r -> r.link() == link && r.requestId() == requestId)
                    | joins.removeIf(r -> r.link() == link && r.requestId() == requestId)) {
                link.reply(requestId, Wire.CANCELLED);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void linkClosed(Caller link) {
        lock.lock();
        try {
            blockedPuts.removeIf(r -> r.link() == link);
            waitingGets.removeIf(r -> r.link() == link);
            joins.removeIf(r -> r.link() == link);
            touchedBy.remove(link);
            remoteHandles.keySet().removeIf(h -> h.link() == link);
            freeIfUnreachableLocked();
        } finally {
            lock.unlock();
        }
    }
}
