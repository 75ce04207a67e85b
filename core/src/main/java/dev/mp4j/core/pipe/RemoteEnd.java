package dev.mp4j.core.pipe;

import dev.mp4j.ConnectionClosedException;
import dev.mp4j.MessageTooLongException;
import dev.mp4j.core.codec.Departures;
import dev.mp4j.core.link.Inbox;
import dev.mp4j.core.link.Node;
import dev.mp4j.core.link.Peer;
import dev.mp4j.core.link.Receiver;
import dev.mp4j.core.link.SendWindow;
import dev.mp4j.core.link.Wire;
import dev.mp4j.runtime.Token;
import dev.mp4j.spi.HighWaterMark;

import java.nio.ByteBuffer;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A copy of a pipe end in a process other than the owner. It receives by demand: when it needs a message it
 * asks the owner for one, and keeps what the owner pushes in a local buffer. Closing returns unread messages
 * to the owner, so no message is lost when a copy closes.
 */
final class RemoteEnd implements End, Receiver {
    private final Node node;
    private final Peer peer;
    private final long pipeId;
    private final int end;
    private final long copyId;
    private final boolean duplex;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** The messages the owner delivered, and in their place the {@link Dropped} ones it could not. */
    private final ArrayDeque<Object> buffer = new ArrayDeque<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** What this copy sent that the other end has not taken yet, within its window at the owner. */
    private final SendWindow window = new SendWindow(HighWaterMark.bytes());
    private int outstanding;
    private boolean endOfStream;
    private volatile boolean peerClosed;
    private volatile boolean ownerIsGone;
    private volatile boolean closed;

    RemoteEnd(Node node, Peer peer, long pipeId, int end, boolean duplex, long copyId) {
        this.node = node;
        this.duplex = duplex;
        this.peer = peer;
        this.pipeId = pipeId;
        this.end = end;
        this.copyId = copyId;
    }

    @Override
    public void onFrame(byte op, ByteBuffer f) {
        if (op == PipeKind.DELIVER) {
            onDeliver(Wire.payload(f));
        } else if (op == PipeKind.TOO_LONG) {
            onDeliver(new Dropped((int) Wire.y(f), (int) Wire.z(f)));
        } else if (op == PipeKind.EOF) {
            onEndOfStream();
        } else if (op == PipeKind.PEER_CLOSED) {
            onPeerClosed();
        } else if (op == PipeKind.CREDIT) {
            window.credit(Wire.y(f));
        }
    }

    private long copyKey() {
        return copyId * 2 + end;
    }

    /** Attaches a new copy of an end whose pipe another process owns, consuming the sender's ticket. */
    static RemoteEnd attach(Node node, String owner, long pipeId, int end, boolean duplex, long ticket) {
        Peer p = node.peer(owner);
        RemoteEnd copy = node.addReceiver(p, copyId -> new RemoteEnd(node, p, pipeId, end, duplex, copyId));
        p.send(Wire.frame(PipeKind.ATTACH, pipeId, ticket, copy.copyKey(), Inbox.windowPayload(copy.window.window())));
        return copy;
    }

    @Override
    public boolean contextClosed() {
        return node.isClosed();
    }

    @Override
    public int maxMessageBytes() {
        return peer.maxPayloadBytes();
    }

    /**
     * Sends within this copy's window: waits while the other end has not taken what this copy sent before, up to the
     * window; an interrupt while it waits fails the send ({@link SendWindow#acquireForSend}).
     */
    @Override
    public void send(byte[] payload) {
        checkPeerOpen();
        window.acquireForSend(payload.length);
        sendNow(payload);
    }

    /** Not charged to the window: the owner's credit for it only lowers the count, which never goes below 0. */
    @Override
    public void sendWithoutWaiting(byte[] payload) {
        sendNow(payload);
    }

    private void sendNow(byte[] payload) {
        checkPeerOpen();
        checkOpen();
        try {
            peer.sendUnsynced(Wire.frame(PipeKind.SEND, pipeId, end, copyKey(), payload));
        } catch (RuntimeException e) {
            throw new ConnectionClosedException("cannot send: " + peer.whyClosed("the process that created this pipe is gone"), e);
        }
    }

    private void checkPeerOpen() {
        if (peerClosed) {
            throw ownerIsGone ? ownerGoneException()
                    : new ConnectionClosedException("cannot send: every copy of the other end of this pipe is closed");
        }
    }

    @Override
    public byte[] receive(int maxLength) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                checkOpen();
                Object m = buffer.peekFirst();
                if (m instanceof Dropped d) {
                    buffer.pollFirst();
                    throw d.exception();
                }
                if (m != null) {
                    PipeState.checkLength((byte[]) m, maxLength);
                    return (byte[]) buffer.pollFirst();
                }
                if (endOfStream) {
                    throw ownerIsGone ? ownerGoneException() : PipeState.endOfStream();
                }
                demand();
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean poll(long timeoutNanos) throws InterruptedException {
        if (timeoutNanos == 0) {
            lock.lock();
        } else {
            lock.lockInterruptibly();
        }
        try {
            long left = timeoutNanos;
            while (true) {
                checkOpen();
                if (!buffer.isEmpty() || endOfStream) {
                    return true;
                }
                demand();
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Asks the owner for one message unless a request is already outstanding. Under lock. */
    private void demand() {
        if (outstanding == 0 && !ownerIsGone) {
            outstanding = 1;
            try {
                peer.send(Wire.frame(PipeKind.DEMAND, pipeId, 1, copyKey()));
            } catch (RuntimeException e) {
                ownerGone();
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Connection is closed");
        }
    }

    private ConnectionClosedException ownerGoneException() {
        return new ConnectionClosedException("end of stream: " + peer.whyClosed("the process that created this pipe is gone"));
    }

    /** @param message a message, or a {@link Dropped} one */
    private void onDeliver(Object message) {
        lock.lock();
        try {
            if (closed) {
                if (message instanceof byte[] payload) {
                    peer.send(Wire.frame(PipeKind.RETURN, pipeId, end, 0, payload));
                }
                return;
            }
            buffer.addLast(message);
            outstanding = Math.max(0, outstanding - 1);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        listeners.forEach(Runnable::run);
    }

    private void onEndOfStream() {
        lock.lock();
        try {
            if (closed) {
                node.removeReceiver(copyId);
                return;
            }
            endOfStream = true;
            outstanding = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        listeners.forEach(Runnable::run);
    }

    private void onPeerClosed() {
        peerClosed = true;
        window.open();
    }

    @Override
    public void ownerGone() {
        ownerIsGone = true;
        peerClosed = true;
        window.open();
        node.removeReceiver(copyId);
        onEndOfStream();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
            window.open();
            if (ownerIsGone) {
                return;
            }
            try {
                // returned in reverse, each to the front, so the owner's inbox keeps their order
                for (Iterator<Object> it = buffer.descendingIterator(); it.hasNext(); ) {
                    if (it.next() instanceof byte[] payload) {
                        peer.send(Wire.frame(PipeKind.RETURN, pipeId, end, 0, payload));
                    }
                }
                buffer.clear();
                peer.sendUnsynced(Wire.frame(PipeKind.DETACH, pipeId, 0, copyKey()));
            } catch (RuntimeException ownerAlreadyGone) {
                node.removeReceiver(copyId);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Token token() {
        long ticket = Departures.newTicket();
        peer.send(Wire.frame(PipeKind.PENDING, pipeId, ticket, end));
        Departures.onRelease(() -> {
            if (peer.isOpen()) {
                peer.send(Wire.frame(PipeKind.PENDING, pipeId, ticket, end + 2));
            }
        });
        return PipeKind.token(node.transportName(), peer.address(), pipeId, end, duplex, ticket);
    }

    @Override
    public void addListener(Runnable r) {
        listeners.add(r);
    }

    @Override
    public void removeListener(Runnable r) {
        listeners.remove(r);
    }

    /**
     * A message the owner could not deliver to this copy: longer than the link between them carries, when this
     * process's frame limit is below the sender's. Its {@code recv} fails in its place; the next message follows.
     */
    private record Dropped(int length, int limit) {
        MessageTooLongException exception() {
            return new MessageTooLongException("a message of " + length + " bytes was sent to this end, longer than the "
                    + limit + " bytes the link from the pipe's owner to this process carries (this process's frame "
                    + "limit is below the sender's); it was dropped, and the next message follows. Give this process "
                    + "the sender's limit (the transport's setting, such as -Dmp4j.netty.maxFrameBytes)", length);
        }
    }
}
