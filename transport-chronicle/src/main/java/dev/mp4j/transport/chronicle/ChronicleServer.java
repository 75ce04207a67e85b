package dev.mp4j.transport.chronicle;

import dev.mp4j.shm.MappedSegment;
import dev.mp4j.shm.ParkedWaiters;
import dev.mp4j.shm.ProcessLiveness;
import dev.mp4j.shm.Wait;
import dev.mp4j.spi.FrameServer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server of the chronicle transport: a {@link ServerLayout} segment that clients attach by name, an accept queue
 * into which each appends a request (the number of the link it set up, and its pid), and a thread that takes them
 * and hands each link to the acceptor. The address is {@code chronicle:<segment name>}.
 *
 * <p>Closing marks the segment closed, so that a client that has not been accepted yet gives up, and stops the
 * thread; accepted links stay open. The segment and its folder go when the transport closes.
 */
final class ChronicleServer implements FrameServer {
    static final String ADDRESS_PREFIX = "chronicle:";
    static final String NAME_PREFIX = "mp4j-chronicle-";
    private static final long SETTLE_MILLIS = 2_000;
    private static final AtomicLong NAMES = new AtomicLong();
    private static final System.Logger LOG = System.getLogger(ChronicleServer.class.getName());

    final MappedSegment segment;
    final Path folder;
    private final SingleChronicleQueue acceptQueue;
    private final ParkedWaiters waiters;
    private final Accepting accepting;
    private final Thread acceptor;
    private volatile boolean closed;

    /** What the server does with each request: the transport's registration and the user's acceptor. */
    interface Accepting {
        void accept(ChronicleServer server, long link, long clientPid);
    }

    ChronicleServer(Accepting accepting, String threadName) {
        String name = NAME_PREFIX + ProcessLiveness.currentPid() + "-" + NAMES.incrementAndGet() + "-"
                + String.format("%016x", ThreadLocalRandom.current().nextLong());
        this.segment = MappedSegment.create(name, ServerLayout.BYTES);
        try {
            this.folder = MappedSegment.createPartFolder(name, ServerLayout.FOLDER);
            this.acceptQueue = Chronicle.openDaily(folder.resolve(ServerLayout.ACCEPT));
        } catch (RuntimeException e) {
            remove(segment);
            throw e;
        }
        this.waiters = new ParkedWaiters(segment, ServerLayout.ACCEPTOR_WAITERS_AT);
        this.accepting = accepting;
        segment.putLong(ServerLayout.PID_AT, ProcessLiveness.currentPid());
        segment.putInt(ServerLayout.VERSION_AT, ServerLayout.LAYOUT_VERSION);
        segment.putIntVolatile(ServerLayout.MAGIC_AT, ServerLayout.MAGIC);
        this.acceptor = new ChronicleThread(this::acceptLoop, threadName);
        acceptor.start();
    }

    @Override
    public String address() {
        return ADDRESS_PREFIX + segment.name();
    }

    /** The request a client appends: the number of its link, and its pid. */
    static void writeRequest(Bytes<?> bytes, long link, long pid) {
        bytes.writeLong(link);
        bytes.writeLong(pid);
    }

    private void acceptLoop() {
        ExcerptTailer tailer = acceptQueue.createTailer();
        Wait wait = null;
        try {
            while (!closed) {
                long link;
                long pid;
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        link = -1;
                        pid = 0;
                    } else {
                        Bytes<?> bytes = dc.wire().bytes();
                        link = bytes.readRemaining() == 2 * Long.BYTES ? bytes.readLong() : 0;
                        pid = link > 0 ? bytes.readLong() : 0;
                    }
                }
                if (link < 0) {
                    if (wait == null) {
                        wait = new Wait(-1, waiters);
                    }
                    wait.pauseUninterruptibly();
                    continue;
                }
                if (wait != null) {
                    wait.done(); // between requests, a new wait starts from its spin again
                    wait = null;
                }
                if (link == 0) {
                    continue; // not a request: nothing in this folder but clients of this user writes here
                }
                try {
                    accepting.accept(this, link, pid);
                } catch (RuntimeException e) {
                    // one bad request (a client gone half-way, its files removed) must not stop the server
                    LOG.log(System.Logger.Level.DEBUG, "the chronicle server " + segment.name()
                            + " dropped a request", e);
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.DEBUG, "the chronicle server " + segment.name() + " stopped", e);
        } finally {
            if (wait != null) {
                wait.done();
            }
            try {
                tailer.close();
            } catch (RuntimeException e) {
                // closing anyway
            }
            Thread.interrupted();
        }
    }

    /** @return whether this server stopped accepting; a client waiting to be accepted then gives up */
    static boolean isClosed(MappedSegment server) {
        return server.getIntVolatile(ServerLayout.CLOSED_AT) == 1;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        segment.putIntVolatile(ServerLayout.CLOSED_AT, 1);
        waiters.wake();
        if (Thread.currentThread() != acceptor) {
            try {
                acceptor.join(TimeUnit.MILLISECONDS.toMillis(SETTLE_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            acceptQueue.close();
        } catch (RuntimeException e) {
            // removed with the folder
        }
        MappedSegment.deletePartFolder(folder.resolve(ServerLayout.ACCEPT));
    }

    /** Removes the server's files: every link's, the folder's and the segment's. After {@link #close}. */
    void remove() {
        MappedSegment.deletePartFolder(folder);
        remove(segment);
    }

    private static void remove(MappedSegment segment) {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(MappedSegment.folder(),
                MappedSegment.partName(segment.name(), "*"))) {
            for (Path p : parts) {
                MappedSegment.deletePartFolder(p);
            }
        } catch (IOException | RuntimeException e) {
            // the tree's clean-up removes what stays
        }
        try {
            segment.unlink();
        } catch (RuntimeException e) {
            // gone already
        }
    }
}
