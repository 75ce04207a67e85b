package dev.mp4j.core.queue;

import dev.mp4j.MpException;
import dev.mp4j.core.link.Node;
import dev.mp4j.spi.NativeQueue;
import dev.mp4j.spi.NativeQueues;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This process's holds on a transport's native queues, one per queue however often it arrives here; the transport
 * frees a queue once no process holds it. This process lets go of a queue when its context closes, or as soon as
 * the user's last {@code Queue} object over it is collected. A token that leaves this process takes a departure
 * ticket ({@link NativeQueue#depart()}), which keeps the queue there for its receiver while this process lives; the
 * receiver's attach turns it into its own hold. A transport that takes no tickets leaves a token in flight nothing but
 * the queue's name: a queue whose token left is then held here until the context closes.
 *
 * <p>When the context closes, this process lets go of every queue, and gives back the tickets of its tokens still in
 * flight (the last {@value #TICKETS_KEPT} it took; older ones were most likely attached long ago), as it did
 * before tickets: a token in flight does not outlive its sender's context.
 */
final class NativeQueueHandles implements AutoCloseable {
    private final Node node;
    private final NativeQueues queues;
    /** By queue name; guarded by {@code this}. */
    private final Map<String, Held> held = new HashMap<>();
    /** The tickets this process's tokens took, most recent last; guarded by {@code this}. */
    private final ArrayDeque<Departure> departures = new ArrayDeque<>();
    private boolean closed;

    static final int TICKETS_KEPT = 1024;

    private record Departure(NativeQueue queue, long ticket) {}

    /** This process's hold on one queue. */
    private static final class Held {
        final NativeQueue queue;
        int handles;
        boolean departed;

        Held(NativeQueue queue) {
            this.queue = queue;
        }
    }

    private NativeQueueHandles(Node node, NativeQueues queues) {
        this.node = node;
        this.queues = queues;
    }

    /** @return the node's handles, if its transport keeps queues itself */
    static NativeQueueHandles of(Node node) {
        return node.nativeQueues().map(q -> node.local(NativeQueueHandles.class, n -> new NativeQueueHandles(n, q))).orElse(null);
    }

    NativeQueueBackend create(int maxsize, boolean joinable) {
        NativeQueue q;
        try {
            q = queues.createQueue(Math.max(0, maxsize), joinable);
        } catch (IOException e) {
            throw new MpException("the '" + node.transportName() + "' transport cannot make a queue: " + e.getMessage(), e);
        }
        Held h = new Held(q);
        synchronized (this) {
            held.put(q.name(), h);
            h.handles++;
        }
        return backend(h);
    }

    /** @param ticket the departure ticket the token took, or 0 */
    NativeQueueBackend attach(String name, long ticket) throws InvalidObjectException {
        Held h;
        boolean ticketUnused = false;
        synchronized (this) {
            // under the lock: a hold being let go of is either still here, or gone and made again
            h = held.get(name);
            if (h == null) {
                try {
                    h = new Held(queues.attachQueue(name, ticket));
                } catch (IOException e) {
                    InvalidObjectException ex = new InvalidObjectException("cannot attach the queue '" + name
                            + "' of the '" + node.transportName() + "' transport: " + e.getMessage());
                    ex.initCause(e);
                    throw ex;
                }
                held.put(name, h);
            } else {
                ticketUnused = ticket != 0;
            }
            h.handles++; // counted under the lock that a letting go takes: it never lets go of this handle's queue
        }
        if (ticketUnused) {
            h.queue.release(ticket); // this process held the queue already: after the count, so it never lapses
        }
        return backend(h);
    }

    private NativeQueueBackend backend(Held h) {
        boolean letGo;
        synchronized (this) {
            // attached while the context closed: let go at once, so that nothing is held past the close
            letGo = closed;
        }
        if (letGo) {
            release(h);
        }
        return new NativeQueueBackend(node, h.queue, () -> release(h), () -> gone(h), ticket -> departed(h, ticket));
    }

    private void gone(Held h) {
        boolean letGo;
        synchronized (this) {
            // decided and removed under one lock: an attach that finds the hold counts itself before, or makes anew
            letGo = --h.handles == 0 && !h.departed && held.remove(h.queue.name(), h);
        }
        if (letGo) {
            h.queue.close();
        }
    }

    private synchronized void departed(Held h, long ticket) {
        if (ticket == 0) {
            h.departed = true; // no ticket: the token names the queue only, and this process's hold keeps it
            return;
        }
        if (departures.size() == TICKETS_KEPT) {
            departures.removeFirst();
        }
        departures.addLast(new Departure(h.queue, ticket));
    }

    private void release(Held h) {
        boolean mine;
        synchronized (this) {
            mine = held.remove(h.queue.name(), h);
        }
        if (mine) {
            h.queue.close();
        }
    }

    @Override
    public void close() {
        List<Held> all;
        List<Departure> inFlight;
        synchronized (this) {
            closed = true;
            all = List.copyOf(held.values());
            inFlight = List.copyOf(departures);
            departures.clear();
        }
        all.forEach(this::release);
        inFlight.forEach(d -> d.queue().release(d.ticket())); // a ticket attached already is released as a no-op
    }
}
