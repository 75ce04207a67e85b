package dev.mp4j.transport.shm;

import dev.mp4j.shm.ProcessLiveness;
import dev.mp4j.shm.ReaderThreadLink;
import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import dev.mp4j.spi.FrameServer;
import dev.mp4j.spi.LinkAcceptor;
import dev.mp4j.spi.NativeQueues;
import dev.mp4j.spi.Transport;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One process's use of the shm transport: queues and pipes in shared memory ({@link ShmQueues}), and links over
 * duplex pipes ({@link ShmLink}) accepted by {@link ShmServer}s. One thread a link and one a server; no socket.
 */
final class ShmTransport implements Transport {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ShmQueues queues = new ShmQueues();
    private final Set<ShmLink> links = ConcurrentHashMap.newKeySet();
    private final Set<ShmServer> servers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    @Override
    public FrameServer listen(LinkAcceptor acceptor) throws IOException {
        checkOpen();
        Channel channel = ShmQueues.create(ChannelLayout.SERVER, 0, false, false);
        channel.hold(ChannelLayout.QUEUE_HOLDER, 0);
        ShmServer server = new ShmServer(this, channel, end -> accept(end, acceptor),
                "mp4j-shm-accept-" + THREADS.incrementAndGet());
        servers.add(server);
        return server;
    }

    /** Hands a new link to the acceptor; whatever the acceptor does, the server goes on accepting. */
    private void accept(ShmPipe end, LinkAcceptor acceptor) {
        ShmLink link = register(end, 0);
        try {
            FrameHandler handler = acceptor.accept(link);
            if (handler == null) {
                throw new NullPointerException("the LinkAcceptor returned no handler");
            }
            link.start(handler, "mp4j-shm-link-" + THREADS.incrementAndGet());
        } catch (Throwable t) {
            // an Error too: one bad accept must not stop the server
            link.fail(t);
            links.remove(link);
        }
    }

    void serverClosed(ShmServer server) {
        servers.remove(server);
    }

    @Override
    public FrameLink connect(String address, FrameHandler handler) throws IOException {
        checkOpen();
        if (!address.startsWith(ShmServer.ADDRESS_PREFIX)) {
            throw new IOException("not an address of the shm transport: " + address);
        }
        Channel server = Channel.attach(address.substring(ShmServer.ADDRESS_PREFIX.length()), ChannelLayout.SERVER);
        if (!ShmServer.isServing(server)) {
            throw new IOException("no server at " + address + ": the process that listened there died");
        }
        server.hold(ChannelLayout.QUEUE_HOLDER, 0);
        Channel pipe = null;
        long ticket = 0;
        boolean requested = false;
        try {
            pipe = ShmQueues.create(ChannelLayout.PIPE, 0, false, true);
            pipe.hold(0, 0);
            ticket = pipe.depart(1);
            byte[] request = ShmServer.request(ProcessLiveness.currentPid(), ticket, pipe.name);
            if (server.rings[0].append(request.length, ChannelLayout.INLINE, request, 0, false) != Ring.APPENDED) {
                throw new IOException("the server at " + address + " has " + (ChannelLayout.MAX_DATA_BYTES >> 20)
                        + " MiB of connections it has not accepted");
            }
            requested = true;
        } finally {
            server.release(ChannelLayout.QUEUE_HOLDER);
            if (!requested && pipe != null) {
                if (ticket != 0) {
                    pipe.releaseTicket(ticket);
                }
                pipe.release(0);
            }
        }
        ShmLink link = register(new ShmPipe(pipe, 0, server.creator()), ticket);
        link.start(handler, "mp4j-shm-link-" + THREADS.incrementAndGet());
        return link;
    }

    private ShmLink register(ShmPipe end, long ticket) {
        ShmLink[] self = new ShmLink[1];
        ShmLink link = new ShmLink(end, ticket, () -> links.remove(self[0]), this::failEveryLink);
        self[0] = link;
        links.add(link);
        return link;
    }

    /** One link's thread hit an {@link Error}: the others fail too (see {@link ReaderThreadLink}). */
    private void failEveryLink(Error error) {
        IOException cause = ReaderThreadLink.failedBecause(error, "shm");
        links.forEach(l -> l.fail(cause));
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the shm transport is closed");
        }
    }

    @Override
    public Optional<NativeQueues> nativeQueues() {
        return Optional.of(queues);
    }

    @Override
    public void close() {
        closed = true;
        servers.forEach(ShmServer::close);
        ReaderThreadLink.closeAll(links, "mp4j-shm-close"); // not an ShmThread: close() must wait
    }
}
