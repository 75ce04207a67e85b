package dev.mp4j.transport.chronicle;

import dev.mp4j.shm.MappedSegment;
import dev.mp4j.shm.ParkedWaiters;
import dev.mp4j.shm.ProcessLiveness;
import dev.mp4j.shm.ReaderThreadLink;
import dev.mp4j.shm.Wait;
import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import dev.mp4j.spi.FrameServer;
import dev.mp4j.spi.LinkAcceptor;
import dev.mp4j.spi.NativeQueues;
import dev.mp4j.spi.Transport;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One process's use of the chronicle transport: queues and pipes in Chronicle journals every process reads
 * ({@link ChronicleQueues}), {@link ChronicleServer}s that accept links, and {@link ChronicleLink}s, each two
 * Chronicle queues in its server's folder. One thread a link and one a server.
 *
 * <p>Connecting: the client takes the server's next link number, makes the link's segment and queues, appends a
 * request to the server's accept queue, rings the server, and waits (at most {@value #CONNECT_TIMEOUT_MILLIS} ms)
 * for the server to mark the link accepted; it gives up at once if the server closes or its process dies.
 */
final class ChronicleTransport implements Transport {
    static final long CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ChronicleQueues queues = new ChronicleQueues();
    private final Set<ChronicleLink> links = ConcurrentHashMap.newKeySet();
    private final Set<ChronicleServer> servers = ConcurrentHashMap.newKeySet();
    /** The accept queues of servers this process connected to, kept open: opening one costs milliseconds. */
    private final Map<String, Requests> requests = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Override
    public FrameServer listen(LinkAcceptor acceptor) throws IOException {
        checkOpen();
        try {
            ChronicleServer server = new ChronicleServer((s, n, pid) -> accept(s, n, pid, acceptor),
                    "mp4j-chronicle-accept-" + THREADS.incrementAndGet());
            servers.add(server);
            return server;
        } catch (RuntimeException e) {
            throw new IOException("cannot start a chronicle server: " + e.getMessage(), e);
        }
    }

    /** Accepts link {@code n}; whatever the acceptor does, the server goes on accepting. */
    private void accept(ChronicleServer server, long n, long clientPid, LinkAcceptor acceptor) {
        MappedSegment segment;
        try {
            segment = MappedSegment.attach(MappedSegment.partName(server.segment.name(), LinkLayout.segmentSuffix(n)));
        } catch (NoSuchElementException e) {
            return; // the client gave up and removed it
        }
        if (segment.capacity() < LinkLayout.BYTES || segment.getIntVolatile(LinkLayout.MAGIC_AT) != LinkLayout.MAGIC
                || segment.getLong(LinkLayout.CLIENT_PID_AT) != clientPid) {
            return;
        }
        segment.putLong(LinkLayout.SERVER_PID_AT, ProcessLiveness.currentPid());
        if (!segment.compareAndSetInt(LinkLayout.STATE_AT, LinkLayout.REQUESTED, LinkLayout.ACCEPTED)) {
            return; // the client gave up first
        }
        ChronicleLink link = register(segment, true, server.folder.resolve(LinkLayout.folder(n)), clientPid);
        new ParkedWaiters(segment, LinkLayout.CLIENT_WAITERS_AT).wake();
        try {
            FrameHandler handler = acceptor.accept(link);
            if (handler == null) {
                throw new NullPointerException("the LinkAcceptor returned no handler");
            }
            link.start(handler, "mp4j-chronicle-link-" + THREADS.incrementAndGet());
        } catch (Throwable t) {
            // an Error too: one bad accept must not stop the server
            link.refuse();
        }
    }

    @Override
    public FrameLink connect(String address, FrameHandler handler) throws IOException {
        checkOpen();
        if (!address.startsWith(ChronicleServer.ADDRESS_PREFIX)) {
            throw new IOException("not an address of the chronicle transport: " + address);
        }
        String name = address.substring(ChronicleServer.ADDRESS_PREFIX.length());
        if (!name.startsWith(ChronicleServer.NAME_PREFIX) || name.indexOf('/') >= 0) {
            throw new IOException("not an address of the chronicle transport: " + address);
        }
        MappedSegment server;
        try {
            server = MappedSegment.attach(name);
        } catch (NoSuchElementException | IllegalStateException e) {
            throw new IOException("no chronicle server at " + address + " any more", e);
        } catch (RuntimeException e) {
            throw new IOException("cannot reach the chronicle server at " + address + ": " + e.getMessage(), e);
        }
        if (server.capacity() < ServerLayout.BYTES
                || server.getIntVolatile(ServerLayout.MAGIC_AT) != ServerLayout.MAGIC) {
            throw new IOException("no chronicle server at " + address);
        }
        if (server.getInt(ServerLayout.VERSION_AT) != ServerLayout.LAYOUT_VERSION) {
            throw new IOException("the chronicle server at " + address + " has layout version "
                    + server.getInt(ServerLayout.VERSION_AT) + " but this mp4j reads " + ServerLayout.LAYOUT_VERSION
                    + "; every process must run the same mp4j");
        }
        long serverPid = server.getLong(ServerLayout.PID_AT);
        if (ChronicleServer.isClosed(server) || ProcessLiveness.isDead(serverPid)) {
            requests.remove(name);
            throw new IOException("no chronicle server at " + address + ": it closed, or its process died");
        }
        long n = server.getAndAddLong(ServerLayout.LINKS_AT, 1) + 1;
        Path serverFolder = MappedSegment.folder().resolve(MappedSegment.partName(name, ServerLayout.FOLDER));
        Path folder = serverFolder.resolve(LinkLayout.folder(n));
        MappedSegment segment;
        try {
            segment = MappedSegment.createPart(name, LinkLayout.segmentSuffix(n), LinkLayout.BYTES);
        } catch (RuntimeException e) {
            throw new IOException("cannot set up a link to " + address + ": " + e.getMessage(), e);
        }
        segment.putLong(LinkLayout.CLIENT_PID_AT, ProcessLiveness.currentPid());
        segment.putInt(LinkLayout.VERSION_AT, LinkLayout.LAYOUT_VERSION);
        segment.putIntVolatile(LinkLayout.MAGIC_AT, LinkLayout.MAGIC);
        ChronicleLink link = null;
        try {
            Files.createDirectory(folder);
            link = register(segment, false, folder, serverPid);
            requests.computeIfAbsent(name, k -> new Requests(serverFolder.resolve(ServerLayout.ACCEPT)))
                    .append(n, ProcessLiveness.currentPid());
            new ParkedWaiters(server, ServerLayout.ACCEPTOR_WAITERS_AT).wake();
            awaitAccepted(server, segment, serverPid, address);
        } catch (IOException | RuntimeException e) {
            // given up, unless the server accepted first: then the link is the server's too, and goes on
            segment.compareAndSetInt(LinkLayout.STATE_AT, LinkLayout.REQUESTED, LinkLayout.REFUSED);
            if (link == null || segment.getIntVolatile(LinkLayout.STATE_AT) != LinkLayout.ACCEPTED) {
                if (link != null) {
                    link.discard();
                    links.remove(link);
                } else {
                    MappedSegment.deletePartFolder(folder);
                    MappedSegment.unlinkPart(segment.name());
                }
                throw e instanceof IOException io ? io
                        : new IOException("cannot set up a link to " + address + ": " + e.getMessage(), e);
            }
        }
        link.start(handler, "mp4j-chronicle-link-" + THREADS.incrementAndGet());
        return link;
    }

    private static void awaitAccepted(MappedSegment server, MappedSegment link, long serverPid, String address)
            throws IOException {
        Wait wait = null;
        try {
            while (link.getIntVolatile(LinkLayout.STATE_AT) == LinkLayout.REQUESTED) {
                if (wait == null) {
                    wait = new Wait(TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MILLIS),
                            new ParkedWaiters(link, LinkLayout.CLIENT_WAITERS_AT));
                }
                String why = null;
                if (ChronicleServer.isClosed(server)) {
                    why = "it closed";
                } else if (!wait.pauseUninterruptibly()) {
                    why = "it did not accept within " + CONNECT_TIMEOUT_MILLIS + " ms";
                } else if (wait.livenessCheckDue() && ProcessLiveness.isDead(serverPid)) {
                    why = "its process died";
                }
                if (why != null
                        && link.compareAndSetInt(LinkLayout.STATE_AT, LinkLayout.REQUESTED, LinkLayout.REFUSED)) {
                    throw new IOException("no chronicle server at " + address + ": " + why);
                }
            }
        } finally {
            if (wait != null) {
                wait.done();
                wait.restoreInterrupt();
            }
        }
    }

    /** One link's thread hit an {@link Error}: the others fail too (see {@link ReaderThreadLink}). */
    private void failEveryLink(Error error) {
        IOException cause = ReaderThreadLink.failedBecause(error, "chronicle");
        links.forEach(l -> l.fail(cause));
    }

    private ChronicleLink register(MappedSegment segment, boolean server, Path folder, long peerPid) {
        ChronicleLink[] self = new ChronicleLink[1];
        ChronicleLink link = new ChronicleLink(segment, server, folder, peerPid, () -> links.remove(self[0]),
                this::failEveryLink);
        self[0] = link;
        links.add(link);
        return link;
    }

    @Override
    public Optional<NativeQueues> nativeQueues() {
        return Optional.of(queues);
    }

    @Override
    public int maxFrameBytes() {
        return Chronicle.MAX_FRAME_BYTES;
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the chronicle transport is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        servers.forEach(ChronicleServer::close);
        ReaderThreadLink.closeAll(links, "mp4j-chronicle-close"); // not a ChronicleThread: close() must wait
        requests.values().forEach(Requests::close);
        requests.clear();
        servers.forEach(ChronicleServer::remove);
        servers.clear();
    }

    /** A server's accept queue, as a client appends to it. */
    private static final class Requests {
        private final SingleChronicleQueue queue;
        private final ExcerptAppender appender;

        Requests(Path folder) {
            if (!Files.isDirectory(folder)) {
                throw new IllegalStateException("the server's accept queue " + folder + " is gone: it closed");
            }
            this.queue = Chronicle.openDaily(folder);
            this.appender = queue.createAppender();
            ChronicleLink.anyThread(appender);
        }

        synchronized void append(long link, long pid) {
            try (DocumentContext dc = appender.writingDocument()) {
                ChronicleServer.writeRequest(dc.wire().bytes(), link, pid);
            }
        }

        synchronized void close() {
            try {
                appender.close();
                queue.close();
            } catch (RuntimeException e) {
                // the server removes its queue
            }
        }
    }
}
