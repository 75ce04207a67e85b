package dev.mp4j.core.pipe;

import dev.mp4j.ConnectionClosedException;
import dev.mp4j.MessageTooLongException;
import dev.mp4j.core.codec.Departures;
import dev.mp4j.core.link.Caller;
import dev.mp4j.core.link.Inbox;
import dev.mp4j.core.link.Kind;
import dev.mp4j.core.link.Node;
import dev.mp4j.core.link.Owned;
import dev.mp4j.core.link.Wire;
import dev.mp4j.runtime.Token;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pipe, in the process that created it (its owner). Each end has an inbox of the messages sent to it and a
 * count of its open copies: local ones, remote ones (attached over a link), and pending ones (serialized but
 * not yet attached). A remote copy receives by demand: it asks for n messages and the owner pushes up to n.
 * Readers of an end see end of stream when the other end has no open copy and the inbox is empty.
 *
 * <p><b>Flow control.</b> An end's inbox keeps at most a window of unread bytes from each remote copy that sends
 * to it ({@link dev.mp4j.spi.HighWaterMark}): the copy is charged for each message and waits when its window is
 * full, and the inbox gives the charge back as the messages are taken, here or by a remote reader ({@link Inbox}).
 * This process's own sends are bounded only by its memory.
 *
 * <p>Everything happens under one lock; link callbacks hold it only for the time of a few deque operations.
 */
final class PipeState implements Owned {
    final Node node;
    final long id;
    final boolean duplex;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final EndState[] ends = {new EndState(), new EndState()};

    private static final class EndState {
        final Inbox inbox = new Inbox();
        final List<RemoteCopy> remote = new ArrayList<>();
        final Set<Long> pending = new HashSet<>();
        /** Tokens attached before their pending notice arrived (it travels on another link). */
        final Set<Long> attachedEarly = new HashSet<>();
        final List<Runnable> listeners = new ArrayList<>();
        int localCopies;
        int localWaiters;

        int open() {
            return localCopies + remote.size() + pending.size();
        }
    }

    private static final class RemoteCopy {
        final Caller link;
        final long copyId;
        /** Its account as a sender, credited as the other end takes what it sent; null if it stated no window. */
        final Inbox.Sender sender;
        int demand;

        RemoteCopy(Caller link, long copyId, Inbox.Sender sender) {
            this.link = link;
            this.copyId = copyId;
            this.sender = sender;
        }
    }

    @Override
    public Kind kind() {
        return PipeKind.KIND;
    }

    PipeState(Node node, long id, boolean duplex) {
        this.node = node;
        this.id = id;
        this.duplex = duplex;
        ends[0].localCopies = 1;
        ends[1].localCopies = 1;
    }

    // ---- local copies (this process)

    void attachLocal(int end, long token) {
        lock.lock();
        try {
            consumeToken(ends[end], token);
            ends[end].localCopies++;
        } finally {
            lock.unlock();
        }
    }

    void detachLocal(int end) {
        lock.lock();
        try {
            ends[end].localCopies--;
            openChanged(end);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void addPending(int end, long token) {
        lock.lock();
        try {
            EndState e = ends[end];
            if (!e.attachedEarly.remove(token)) {
                e.pending.add(token);
            }
        } finally {
            lock.unlock();
        }
    }

    void releasePending(int end, long token) {
        lock.lock();
        try {
            if (ends[end].pending.remove(token)) {
                openChanged(end);
            }
        } finally {
            lock.unlock();
        }
    }

    void send(int from, byte[] payload) {
        lock.lock();
        try {
            int to = 1 - from;
            if (ends[to].open() == 0) {
                throw new ConnectionClosedException("cannot send: every copy of the other end of this pipe is closed");
            }
            ends[to].inbox.addLast(payload);
            dispatch(to);
        } finally {
            lock.unlock();
        }
    }

    /** @param checkOpen throws if the reading copy was closed meanwhile */
    byte[] receive(int end, int maxLength, Runnable checkOpen) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            EndState e = ends[end];
            while (true) {
                checkOpen.run();
                byte[] m = e.inbox.peekFirst();
                if (m != null) {
                    checkLength(m, maxLength);
                    return e.inbox.pollFirst();
                }
                if (ends[1 - end].open() == 0) {
                    throw endOfStream();
                }
                e.localWaiters++;
                try {
                    changed.await();
                } catch (InterruptedException ie) {
                    e.localWaiters--;
                    // a message may have been left for this reader while it was leaving: hand it on
                    dispatch(end);
                    throw ie;
                }
                e.localWaiters--;
            }
        } finally {
            lock.unlock();
        }
    }

    boolean poll(int end, long timeoutNanos, Runnable checkOpen) throws InterruptedException {
        if (timeoutNanos == 0) {
            lock.lock();
        } else {
            lock.lockInterruptibly();
        }
        try {
            EndState e = ends[end];
            long left = timeoutNanos;
            while (true) {
                checkOpen.run();
                if (!e.inbox.isEmpty() || ends[1 - end].open() == 0) {
                    return true;
                }
                if (left <= 0) {
                    return false;
                }
                e.localWaiters++;
                try {
                    left = changed.awaitNanos(left);
                } finally {
                    e.localWaiters--;
                }
            }
        } finally {
            // a poller consumes nothing: what it saw must stay available to remote readers that asked
            dispatch(end);
            lock.unlock();
        }
    }

    /** Wakes threads blocked on a copy that was just closed, so they see it closed. */
    void wakeAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void addListener(int end, Runnable r) {
        lock.lock();
        try {
            ends[end].listeners.add(r);
        } finally {
            lock.unlock();
        }
    }

    void removeListener(int end, Runnable r) {
        lock.lock();
        try {
            ends[end].listeners.remove(r);
        } finally {
            lock.unlock();
        }
    }

    static void checkLength(byte[] payload, int maxLength) {
        if (payload.length > maxLength) {
            throw new MessageTooLongException(payload.length, maxLength);
        }
    }

    static ConnectionClosedException endOfStream() {
        return new ConnectionClosedException("end of stream: every copy of the other end of this pipe is closed, "
                + "or the processes holding them are gone");
    }

    // ---- remote copies (frames from other processes, on a transport thread)

    @Override
    public void onFrame(Caller link, byte op, ByteBuffer f) {
        lock.lock();
        try {
            if (op == PipeKind.ATTACH) {
                int end = (int) (Wire.z(f) & 1);
                long copyId = Wire.z(f) >>> 1;
                consumeToken(ends[end], Wire.y(f));
                ends[end].remote.add(new RemoteCopy(link, copyId, Inbox.sender(link, copyId, PipeKind.CREDIT, f)));
                link.touch(this);
                if (ends[1 - end].open() == 0) {
                    link.send(Wire.frame(PipeKind.PEER_CLOSED, Wire.z(f) >>> 1, 0, 0));
                }
            } else if (op == PipeKind.SEND) {
                int from = (int) Wire.y(f) & 1;
                int to = 1 - from;
                if (ends[to].open() > 0) {
                    RemoteCopy sender = find(from, link, Wire.z(f) >>> 1);
                    ends[to].inbox.addLast(Wire.payload(f), sender == null ? null : sender.sender);
                    dispatch(to);
                }
            } else if (op == PipeKind.DEMAND) {
                int end = (int) (Wire.z(f) & 1);
                RemoteCopy c = find(end, link, Wire.z(f) >>> 1);
                if (c != null) {
                    c.demand += (int) Wire.y(f);
                    dispatch(end);
                }
            } else if (op == PipeKind.RETURN) {
                int end = (int) Wire.y(f);
                ends[end].inbox.addFirst(Wire.payload(f));
                dispatch(end);
            } else if (op == PipeKind.DETACH) {
                int end = (int) (Wire.z(f) & 1);
                RemoteCopy c = find(end, link, Wire.z(f) >>> 1);
                if (c != null) {
                    ends[end].remote.remove(c);
                    // the copy's last word: nothing more is sent to it after this
                    link.send(Wire.frame(PipeKind.EOF, c.copyId, 0, 0));
                    openChanged(end);
                }
            } else if (op == PipeKind.PENDING) {
                int end = (int) (Wire.z(f) & 1);
                if ((Wire.z(f) & 2) != 0) {
                    if (ends[end].pending.remove(Wire.y(f))) {
                        openChanged(end);
                    }
                } else if (!ends[end].attachedEarly.remove(Wire.y(f))) {
                    ends[end].pending.add(Wire.y(f));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void linkClosed(Caller link) {
        lock.lock();
        try {
            for (int end = 0; end < 2; end++) {
                if (ends[end].remote.removeIf(c -> c.link == link)) {
                    openChanged(end);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private RemoteCopy find(int end, Caller link, long copyId) {
        for (RemoteCopy c : ends[end].remote) {
            if (c.link == link && c.copyId == copyId) {
                return c;
            }
        }
        return null;
    }

    private static void consumeToken(EndState e, long token) {
        if (token != 0 && !e.pending.remove(token)) {
            e.attachedEarly.add(token);
        }
    }

    /** Hands messages to remote copies that asked for them, beyond what local waiters will take. Under lock. */
    private void dispatch(int end) {
        EndState e = ends[end];
        int spare = e.inbox.size() - e.localWaiters;
        for (int i = 0; i < e.remote.size() && spare > 0; i++) {
            RemoteCopy c = e.remote.get(i);
            while (c.demand > 0 && spare > 0) {
                byte[] m = e.inbox.pollFirst();
                int room = c.link.maxPayloadBytes();
                // the reader's process takes shorter frames than the sender's: a frame over its limit would end its
                // link, so it is told instead, and the message, which can never reach it, goes
                c.link.send(m.length <= room ? Wire.frame(PipeKind.DELIVER, c.copyId, 0, 0, m)
                        : Wire.frame(PipeKind.TOO_LONG, c.copyId, m.length, room));
                c.demand--;
                spare--;
            }
        }
        if (!e.inbox.isEmpty()) {
            changed.signalAll();
            e.listeners.forEach(Runnable::run);
        }
        endOfStreamCheck(end);
    }

    /** Answers outstanding demands with end of stream once nothing more can arrive. Under lock. */
    private void endOfStreamCheck(int end) {
        EndState e = ends[end];
        if (ends[1 - end].open() == 0 && e.inbox.isEmpty()) {
            for (RemoteCopy c : e.remote) {
                if (c.demand > 0) {
                    c.demand = 0;
                    c.link.send(Wire.frame(PipeKind.EOF, c.copyId, 0, 0));
                }
            }
            changed.signalAll();
            e.listeners.forEach(Runnable::run);
        }
    }

    /** The open copies of {@code end} may have dropped to none: tell the other end, and forget the pipe once both are. */
    private void openChanged(int end) {
        if (ends[end].open() > 0) {
            return;
        }
        int other = 1 - end;
        for (RemoteCopy c : ends[other].remote) {
            c.link.send(Wire.frame(PipeKind.PEER_CLOSED, c.copyId, 0, 0));
        }
        endOfStreamCheck(other);
        if (ends[other].open() == 0) {
            node.unregister(id);
        }
    }

    /** Makes the token of a copy of {@code end} leaving this process, counted as pending until attached. */
    Token token(int end) {
        long ticket = Departures.newTicket();
        addPending(end, ticket);
        Departures.onRelease(() -> releasePending(end, ticket));
        return PipeKind.token(node.transportName(), node.address(), id, end, duplex, ticket);
    }
}
