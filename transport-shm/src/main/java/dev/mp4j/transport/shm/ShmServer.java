package dev.mp4j.transport.shm;

import dev.mp4j.shm.LazyWait;
import dev.mp4j.shm.ProcessLiveness;
import dev.mp4j.spi.FrameServer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A server of the shm transport: a {@link Channel} of one ring into which connecting processes put requests, and a
 * thread that takes them. A request names a new duplex pipe whose end 0 the client holds, and carries the ticket
 * of end 1, which the server attaches and hands to the acceptor as a {@link ShmLink}. The address is
 * {@code shm:<channel name>}.
 *
 * <p>Closing seals the channel (no process can start a connection any more), waits for clients that started one
 * to finish putting their request, then closes the pipe of every request left, so that those clients see their
 * links end.
 */
final class ShmServer implements FrameServer {
    static final String ADDRESS_PREFIX = "shm:";
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final System.Logger LOG = System.getLogger(ShmServer.class.getName());

    private final ShmTransport transport;
    private final Channel channel;
    private final Thread acceptor;
    private final Accepting accepting;
    private volatile boolean closed;

    /** What the server does with each link: the transport's registration and the user's acceptor. */
    interface Accepting {
        void accept(ShmPipe end);
    }

    ShmServer(ShmTransport transport, Channel channel, Accepting accepting, String threadName) {
        this.transport = transport;
        this.channel = channel;
        this.accepting = accepting;
        this.acceptor = new ShmThread(this::acceptLoop, threadName);
        acceptor.start();
    }

    @Override
    public String address() {
        return ADDRESS_PREFIX + channel.name;
    }

    /** The request a client puts: its pid, the ticket of end 1, and the pipe's name. */
    static byte[] request(long pid, long ticket, String pipe) {
        byte[] name = pipe.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 * Long.BYTES + name.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(pid).putLong(ticket).put(name).array();
    }

    private void acceptLoop() {
        Ring ring = channel.rings[0];
        try (LazyWait wait = new LazyWait(-1, ring.notEmpty, Ring.SLEEP_NANOS)) {
            while (!closed) {
                try {
                    Ring.Removed r = ring.isEmpty() ? Ring.EMPTY : ring.remove(Integer.MAX_VALUE);
                    if (r.isEmpty()) {
                        wait.pauseUninterruptibly();
                        continue;
                    }
                    wait.close(); // between requests, a new wait starts from its spin again
                    ShmPipe end = attach(ring.item(r));
                    if (end != null) {
                        accepting.accept(end);
                    }
                } catch (RuntimeException e) {
                    // one malformed request (a full holder table, a client gone half-way) must not stop the server
                    LOG.log(System.Logger.Level.DEBUG, "the shm server " + channel.name + " dropped a request", e);
                }
            }
        }
    }

    /** @return the server's end of the request's pipe, or null if the client went meanwhile or it is not one */
    private static ShmPipe attach(byte[] request) {
        if (request.length <= 2 * Long.BYTES) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN);
        long pid = b.getLong();
        long ticket = b.getLong();
        String name = new String(request, b.position(), b.remaining(), StandardCharsets.UTF_8);
        try {
            Channel pipe = Channel.attach(name, ChannelLayout.PIPE);
            pipe.hold(1, ticket);
            return new ShmPipe(pipe, 1, pid);
        } catch (IOException | RuntimeException e) {
            return null; // its client died, and the pipe with it; or the pipe's holder table is full
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        channel.rings[0].notEmpty.wake();
        if (Thread.currentThread() != acceptor) {
            try {
                acceptor.join(TimeUnit.NANOSECONDS.toMillis(SETTLE_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        channel.seal();
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (channel.holders(ChannelLayout.QUEUE_HOLDER) > 1 && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait(); // a client between its hold and its put: microseconds
            Thread.yield();
        }
        Ring ring = channel.rings[0];
        for (Ring.Removed r = ring.remove(Integer.MAX_VALUE); !r.isEmpty(); r = ring.remove(Integer.MAX_VALUE)) {
            ShmPipe end = attach(ring.item(r));
            if (end != null) {
                end.close();
            }
        }
        channel.release(ChannelLayout.QUEUE_HOLDER);
        transport.serverClosed(this);
    }

    /** @return whether a server's process still lives: a client's first check */
    static boolean isServing(Channel server) {
        return !ProcessLiveness.isDead(server.creator());
    }
}
