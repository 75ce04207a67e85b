package dev.mp4j.core.queue;

import dev.mp4j.core.codec.Departures;
import dev.mp4j.core.link.Node;
import dev.mp4j.runtime.Token;
import dev.mp4j.spi.NativeQueue;

import java.util.function.LongConsumer;

/**
 * A queue whose items its transport keeps ({@link dev.mp4j.spi.NativeQueues}): every process puts and takes
 * directly, with no owner in between, and the queue lives for as long as any process holds it.
 */
final class NativeQueueBackend implements QueueBackend {
    private final Node node;
    private final NativeQueue queue;
    private final Runnable release;
    private final Runnable gone;
    private final LongConsumer departed;

    /**
     * One a user's {@code Queue} object, counted by the holder when it made this.
     *
     * @param release  lets go of this process's hold at once
     * @param gone     told when the {@code Queue} object over this is collected
     * @param departed told when a token of the queue leaves this process, with its ticket (0 for none)
     */
    NativeQueueBackend(Node node, NativeQueue queue, Runnable release, Runnable gone, LongConsumer departed) {
        this.node = node;
        this.queue = queue;
        this.release = release;
        this.gone = gone;
        this.departed = departed;
    }

    @Override
    public boolean put(byte[] item, long timeoutNanos) throws InterruptedException {
        return queue.offer(item, timeoutNanos);
    }

    @Override
    public byte[] take(long timeoutNanos) throws InterruptedException {
        byte[] item = queue.poll(timeoutNanos);
        if (item == null && timeoutNanos < 0) {
            throw new IllegalStateException("this queue's handle was closed: its context was closed");
        }
        return item;
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public int maxsize() {
        return queue.capacity();
    }

    @Override
    public void taskDone() {
        if (!queue.taskDone()) {
            throw new IllegalStateException("taskDone() called more times than there were items put");
        }
    }

    @Override
    public void join() throws InterruptedException {
        queue.join(-1);
    }

    @Override
    public void flush() {
        // a native put is in the queue when offer returns
    }

    @Override
    public void release() {
        release.run();
    }

    @Override
    public void handleGone() {
        gone.run();
    }

    /**
     * A token that takes a departure ticket, given back if its receiver never attaches it; where the transport takes
     * none, this process's hold stays until its context closes, since the token names the queue only.
     */
    @Override
    public Token token() {
        long ticket = queue.depart();
        departed.accept(ticket);
        if (ticket != 0) {
            Departures.onRelease(() -> queue.release(ticket));
        }
        return QueueKind.nativeToken(node.transportName(), queue.name(), ticket);
    }

    boolean joinable() {
        return queue.joinable();
    }

    @Override
    public Node node() {
        return node;
    }
}
