package dev.mp4j.tck.sample;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One process's sample transport: links over Unix domain sockets through {@code java.nio} (a socket file per server
 * in a folder only this user can open), and queues and pipes kept in memory-mapped files ({@link SampleQueues}).
 * Two daemon threads per link; the accepting thread per server calls the {@link LinkAcceptor}.
 */
final class SampleTransport implements Transport {
    static final String ADDRESS_PREFIX = "sample:";
    private static final int MAX_FRAME_BYTES = 1 << 30;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Path folder;
    private final SampleQueues queues;
    private final Set<SampleLink> links = ConcurrentHashMap.newKeySet();
    private final Set<ServerSocketChannel> servers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sockets = new AtomicInteger();
    private volatile boolean closed;

    SampleTransport() throws IOException {
        this.folder = Files.createTempDirectory("mp4j-sample-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        this.queues = new SampleQueues();
    }

    @Override
    public FrameServer listen(LinkAcceptor acceptor) throws IOException {
        Path socket = folder.resolve("s" + sockets.incrementAndGet() + ".sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        servers.add(server);
        Thread t = new Thread(() -> acceptLoop(server, acceptor), "mp4j-sample-accept-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.start();
        String address = ADDRESS_PREFIX + socket;
        return new FrameServer() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public void close() {
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
                SampleLink link = register(new SampleLink(ch, MAX_FRAME_BYTES));
                FrameHandler handler;
                try {
                    handler = acceptor.accept(link);
                } catch (RuntimeException e) {
                    link.fail(e);
                    continue;
                }
                link.start(handler, "mp4j-sample-" + THREADS.incrementAndGet());
            }
        } catch (IOException e) {
            // the server was closed
        }
    }

    @Override
    public FrameLink connect(String address, FrameHandler handler) throws IOException {
        if (!address.startsWith(ADDRESS_PREFIX)) {
            throw new IOException("not an address of the sample transport: " + address);
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(address.substring(ADDRESS_PREFIX.length())));
        SampleLink link = register(new SampleLink(ch, MAX_FRAME_BYTES));
        link.start(handler, "mp4j-sample-" + THREADS.incrementAndGet());
        return link;
    }

    private SampleLink register(SampleLink link) throws IOException {
        links.add(link);
        if (closed) {
            link.fail(new IOException("the transport is closed"));
        }
        return link;
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
        List.copyOf(links).forEach(SampleLink::close);
        queues.close();
        try (var entries = Files.list(folder)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(folder);
        } catch (IOException ignored) {
            // best effort: a temp folder
        }
    }
}
