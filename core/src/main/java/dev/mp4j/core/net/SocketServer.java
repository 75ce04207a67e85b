package dev.mp4j.core.net;

import dev.mp4j.MpException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Listens at an address and hands each client that passes the challenge to its owner, on a thread of its own
 * that the owner may keep for the life of the connection (as Python's manager serves each connection on a
 * thread). At most {@link #MAX_UNAUTHENTICATED} clients may be in the handshake at once, each for at most five
 * seconds and a few hundred bytes; more are closed at once. A client that fails the challenge is dropped and
 * the server goes on.
 */
public final class SocketServer implements AutoCloseable {
    static final int MAX_UNAUTHENTICATED = 64;
    /** Servers to close when the JVM exits, so that no socket file or private folder is left behind. */
    private static final Set<SocketServer> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(SocketServer::close),
                "mp4j-socket-servers-exit"));
    }

    private final ServerSocketChannel server;
    private final Address address;
    private final Path privateFolder;
    private final byte[] key;
    private final Consumer<FramedChannel> onClient;
    private final AtomicInteger unauthenticated = new AtomicInteger();
    private final String name;
    private volatile boolean closed;

    private SocketServer(ServerSocketChannel server, Address address, Path privateFolder, byte[] key,
            Consumer<FramedChannel> onClient, String name) {
        this.server = server;
        this.address = address;
        this.privateFolder = privateFolder;
        this.key = key;
        this.onClient = onClient;
        this.name = name;
    }

    /**
     * @param address  {@code tcp://HOST:PORT}, {@code unix:/path}, or null for a Unix domain socket in a new folder
     *                 only this user can enter
     * @param onClient takes each authenticated client, on that client's own thread
     * @param name     names the threads
     * @throws IllegalArgumentException if the address is malformed
     * @throws MpException              if it cannot listen there
     */
    public static SocketServer listen(String address, byte[] key, Consumer<FramedChannel> onClient, String name) {
        Path folder = null;
        try {
            Address a;
            if (address == null) {
                folder = Files.createTempDirectory("mp4j-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                a = Address.parse("unix:" + folder.resolve("socket"));
            } else {
                a = Address.parse(address);
            }
            if (!a.isUnix() && ((InetSocketAddress) a.socket()).isUnresolved()) {
                throw new MpException("cannot listen at " + address + ": unknown host");
            }
            ServerSocketChannel ch = ServerSocketChannel.open(a.family());
            try {
                ch.bind(a.socket());
                if (a.isUnix()) {
                    Files.setPosixFilePermissions(a.path(), PosixFilePermissions.fromString("rw-------"));
                }
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            SocketServer s = new SocketServer(ch, Address.of(ch.getLocalAddress()), folder, key, onClient, name);
            OPEN.add(s);
            Thread t = new Thread(s::acceptLoop, name + "-accept " + s.address);
            t.setDaemon(true);
            t.start();
            return s;
        } catch (IOException e) {
            deleteQuietly(folder);
            throw new MpException("cannot listen at " + (address == null ? "a private unix socket" : address) + ": "
                    + e + (address != null && address.startsWith("unix:")
                            ? " (if no process listens there any more, remove the socket file)" : ""), e);
        }
    }

    /** @return the address clients connect to, with the port actually bound */
    public String address() {
        return address.toString();
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (unauthenticated.incrementAndGet() > MAX_UNAUTHENTICATED) {
                unauthenticated.decrementAndGet();
                closeQuietly(client);
                continue;
            }
            Thread t = new Thread(() -> serve(client), name + " " + address);
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(SocketChannel client) {
        FramedChannel ch;
        boolean passed = false;
        try {
            ch = new FramedChannel(client, address + " client", Challenge.PRE_AUTH_FRAME);
            ScheduledFuture<?> deadline = Sockets.deadline(ch);
            try {
                passed = Challenge.server(ch, key);
            } finally {
                deadline.cancel(false);
            }
        } catch (IOException e) {
            closeQuietly(client);
            return;
        } finally {
            unauthenticated.decrementAndGet();
        }
        if (!passed) {
            closeQuietly(client);
            return;
        }
        if (closed) {
            ch.close();
            return;
        }
        onClient.accept(ch);
    }

    /** Stops accepting, and removes the socket file and the private folder. Accepted clients stay connected. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        if (address.isUnix()) {
            try {
                Files.deleteIfExists(address.path());
            } catch (IOException ignored) {
                // someone else's now, or already gone
            }
        }
        deleteQuietly(privateFolder);
    }

    /**
     * Removes what a server in a process that was killed left behind at {@code address}: the socket and, if it
     * was one of the private folders this class makes, the folder. Only files of this user are touched.
     */
    public static void removeLeftovers(String address) {
        if (!address.startsWith("unix:")) {
            return;
        }
        Path socket = Address.parse(address).path();
        Path folder = socket.getParent();
        try {
            if (folder != null && folder.getFileName().toString().startsWith("mp4j-")
                    && dev.mp4j.shm.OwnFiles.isOwnedByUs(folder)) {
                Files.deleteIfExists(socket);
                deleteQuietly(folder);
            }
        } catch (IOException ignored) {
            // another process's now, or already gone
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder != null) {
            try {
                Files.deleteIfExists(folder);
            } catch (IOException ignored) {
                // not empty: something else was put there
            }
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
