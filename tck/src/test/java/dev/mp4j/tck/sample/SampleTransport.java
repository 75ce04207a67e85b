package dev.mp4j.tck.sample;

import dev.mp4j.shm.ProcessLiveness;
import dev.mp4j.shm.StaleFiles;
import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import dev.mp4j.spi.FrameServer;
import dev.mp4j.spi.LinkAcceptor;
import dev.mp4j.spi.NativeQueues;
import dev.mp4j.spi.Transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One process's sample transport: links over Unix domain sockets through {@code java.nio} (a socket file per server
 * in a folder only this user can open, {@code <tmp>/mp4j-sample-<pid>-<start>-<n>}), and queues and pipes kept in
 * memory-mapped files ({@link SampleQueues}). Two threads a link; one accepting thread per server, which calls the
 * {@link LinkAcceptor}. Opening sweeps the folders of processes that died without closing their transport.
 */
final class SampleTransport implements Transport {
    static final String ADDRESS_PREFIX = "sample:";
    /** The system property that sets the longest frame, in bytes; read when a transport opens. */
    static final String MAX_FRAME_PROPERTY = "mp4j.sample.maxFrameBytes";
    /** The longest frame the sample takes by default: above the 16 MiB every transport must carry. */
    private static final int DEFAULT_MAX_FRAME_BYTES = 64 << 20;
    private static final Pattern FOLDER = Pattern.compile("mp4j-sample-(\\d+)-(\\d+)-\\d+");
    private static final AtomicInteger FOLDERS = new AtomicInteger();
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Path folder;
    private final int maxFrameBytes;
    private final SampleQueues queues = new SampleQueues();
    private final Set<SampleLink> links = ConcurrentHashMap.newKeySet();
    private final Set<ServerSocketChannel> servers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sockets = new AtomicInteger();
    private volatile boolean closed;

    SampleTransport() throws IOException {
        this.maxFrameBytes = configuredMaxFrameBytes();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        StaleFiles.sweep(tmp, "mp4j-sample-*", SampleTransport::ownerOf, SampleTransport::removeFolder);
        long pid = ProcessLiveness.currentPid();
        this.folder = Files.createDirectory(tmp.resolve("mp4j-sample-" + pid + "-" + ProcessLiveness.startMillis(pid)
                        + "-" + FOLDERS.incrementAndGet()),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private static int configuredMaxFrameBytes() throws IOException {
        String value = System.getProperty(MAX_FRAME_PROPERTY);
        try {
            int bytes = value == null ? DEFAULT_MAX_FRAME_BYTES : Integer.parseInt(value.trim());
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IOException("system property " + MAX_FRAME_PROPERTY + " must be a number of bytes above 0, not "
                + value);
    }

    @Override
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    private static StaleFiles.Owner ownerOf(String name) {
        Matcher m = FOLDER.matcher(name);
        return m.matches() ? new StaleFiles.Owner(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))) : null;
    }

    /** Removes a folder of ours: its socket files, then itself. */
    private static void removeFolder(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "s*.sock")) {
            for (Path p : entries) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Override
    public FrameServer listen(LinkAcceptor acceptor) throws IOException {
        checkOpen();
        Path socket = folder.resolve("s" + sockets.incrementAndGet() + ".sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        servers.add(server);
        new SampleThread(() -> acceptLoop(server, acceptor), "mp4j-sample-accept-" + THREADS.incrementAndGet()).start();
        String address = ADDRESS_PREFIX + socket;
        return new FrameServer() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public void close() {
                servers.remove(server);
                closeServer(server);
                try {
                    Files.deleteIfExists(socket);
                } catch (IOException ignored) {
                    // the transport's close removes the folder
                }
            }
        };
    }

    private void acceptLoop(ServerSocketChannel server, LinkAcceptor acceptor) {
        try {
            while (true) {
                SocketChannel ch = server.accept();
                String name = "mp4j-sample-" + THREADS.incrementAndGet();
                SampleLink link = register(ch, name);
                FrameHandler handler;
                try {
                    handler = acceptor.accept(link);
                } catch (RuntimeException e) {
                    link.fail(e);
                    continue;
                }
                link.start(handler, name);
            }
        } catch (IOException e) {
            // the server was closed
        }
    }

    @Override
    public FrameLink connect(String address, FrameHandler handler) throws IOException {
        checkOpen();
        if (!address.startsWith(ADDRESS_PREFIX)) {
            throw new IOException("not an address of the sample transport: " + address);
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(address.substring(ADDRESS_PREFIX.length())));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        String name = "mp4j-sample-" + THREADS.incrementAndGet();
        SampleLink link = register(ch, name);
        link.start(handler, name);
        return link;
    }

    private SampleLink register(SocketChannel ch, String name) {
        SampleLink[] self = new SampleLink[1];
        SampleLink link = new SampleLink(ch, name, maxFrameBytes, () -> links.remove(self[0]), this::failEveryLink);
        self[0] = link;
        links.add(link);
        return link;
    }

    /**
     * One link's thread hit an {@link Error} (out of memory, say): the process can trust nothing the transport
     * holds, so every other link fails too, and whoever waits on one hears of it.
     */
    private void failEveryLink(Error error) {
        IOException cause = new IOException("closed because a thread of this process's sample transport hit " + error
                + " on another link", error);
        links.forEach(l -> l.fail(cause));
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the sample transport is closed");
        }
    }

    @Override
    public Optional<NativeQueues> nativeQueues() {
        return Optional.of(queues);
    }

    private static void closeServer(ServerSocketChannel server) {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        servers.forEach(SampleTransport::closeServer);
        // every link at once, so that the whole close takes one link's bound, not the sum
        List<Thread> closing = links.stream()
                .map(l -> (Thread) new Thread(l::close, "mp4j-sample-close"))
                .peek(Thread::start)
                .toList();
        for (Thread t : closing) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            removeFolder(folder);
        } catch (IOException ignored) {
            // best effort: the next open's sweep removes it once this process is gone
        }
    }
}
