package dev.mp4j.shm;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * How one process wakes threads parked in another: no JVM can unpark another JVM's thread, and JDK 17 has
 * no futex. Each JVM whose threads park on a shared structure listens on a Unix domain socket,
 * {@code mp4j-bell-<pid>} in {@link ShmDirectory}, with one daemon thread; a byte arriving there unparks
 * every thread of the JVM parked on any shared structure, and each re-checks what it waits for. Where another user
 * made a file of that name first (in a folder with the sticky bit, this user cannot remove it), the JVM listens on
 * {@code mp4j-bell-<pid>-<random>} instead, a name nobody could take in advance, and a signaller finds it among this
 * user's files of that pid. A signaller
 * finds whom to ring in the structure's {@link BellLayout} table, and writes one byte, without blocking,
 * over a connection it keeps per process. Wake-up costs one socket write in the signaller and one thread
 * hand-off in the waiter (tens of microseconds); a parked waiter costs no CPU until then.
 *
 * <p>A bell is a latency optimisation only: waiters still wake on their own every liveness interval, so a
 * lost byte (a full socket buffer, a bell that could not be opened) delays a waiter but never strands it.
 */
final class Bell {
    private static final System.Logger LOG = System.getLogger(Bell.class.getName());
    private static final String PREFIX = "mp4j-bell-";
    static final String GLOB = PREFIX + "*";
    private static final Map<Long, SocketChannel> RINGERS = new ConcurrentHashMap<>();
    private static final Set<Thread> SLEEPERS = ConcurrentHashMap.newKeySet();
    private static volatile Boolean listening;

    private Bell() {
    }

    /** @return where process {@code pid} listens, unless another user made a file of that name first */
    static Path pathOf(long pid) {
        return ShmDirectory.dir().resolve(PREFIX + pid);
    }

    /** @return a new name to listen on for process {@code pid} when its own name was taken: nobody can know it first */
    static Path alternatePathOf(long pid) {
        return ShmDirectory.dir().resolve(PREFIX + pid + "-" + Long.toHexString(new SecureRandom().nextLong()));
    }

    /** @return the pid a bell's file name ({@link #pathOf} or {@link #alternatePathOf}) is named after */
    static long pidOf(String fileName) {
        int end = fileName.indexOf('-', PREFIX.length());
        return Long.parseLong(fileName.substring(PREFIX.length(), end < 0 ? fileName.length() : end));
    }

    /** Starts this JVM's bell if needed; false if it cannot listen (waiters then poll). */
    static boolean listen() {
        Boolean l = listening;
        if (l == null) {
            synchronized (Bell.class) {
                l = listening;
                if (l == null) {
                    l = start();
                    listening = l;
                }
            }
        }
        return l;
    }

    private static boolean start() {
        long pid = ProcessLiveness.currentPid();
        Path path = pathOf(pid);
        ServerSocketChannel server;
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !OwnFiles.isOwnedByUs(path)) {
            // another user's file: not ours to remove (in a folder with the sticky bit, we could not)
            Path taken = path;
            path = alternatePathOf(pid);
            LOG.log(Level.WARNING, "another user made " + taken + ", the name of this process's bell; it listens on "
                    + path + " instead");
        }
        try {
            Files.deleteIfExists(path); // this user's own, left by a process of a recycled pid
            server = bind(path);
        } catch (IOException | RuntimeException e) {
            if (!path.equals(pathOf(pid)) || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    || OwnFiles.isOwnedByUs(path)) {
                LOG.log(Level.DEBUG, "cannot listen on " + path + "; shared-memory waiters will poll", e);
                return false;
            }
            // another user made the file between the look and the bind
            path = alternatePathOf(pid);
            try {
                server = bind(path);
            } catch (IOException | RuntimeException e2) {
                LOG.log(Level.DEBUG, "cannot listen on " + path + "; shared-memory waiters will poll", e2);
                return false;
            }
        }
        return startServing(server, path);
    }

    private static ServerSocketChannel bind(Path path) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static boolean startServing(ServerSocketChannel server, Path path) {
        try {
            server.configureBlocking(false);
            Selector selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
            Thread t = new Thread(() -> serve(server, selector), "mp4j-shm-bell");
            t.setDaemon(true);
            t.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                RuntimeExit.await(); // the children it waits for may still ring this process
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // the next JVM's sweep removes it
                }
            }, "mp4j-shm-bell-cleanup"));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot listen on " + path + "; shared-memory waiters will poll", e);
            closeQuietly(server);
            return false;
        }
    }

    private static void serve(ServerSocketChannel server, Selector selector) {
        ByteBuffer sink = ByteBuffer.allocateDirect(256);
        try {
            for (;;) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isAcceptable()) {
                        SocketChannel ch = server.accept();
                        if (ch != null) {
                            ch.configureBlocking(false);
                            ch.register(selector, SelectionKey.OP_READ);
                        }
                    } else if (key.isReadable()) {
                        drain((SocketChannel) key.channel(), key, sink);
                    }
                }
                selector.selectedKeys().clear();
                SLEEPERS.forEach(LockSupport::unpark);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "the shared-memory bell stopped; waiters will poll", e);
            listening = false;
        }
    }

    private static void drain(SocketChannel ch, SelectionKey key, ByteBuffer sink) {
        try {
            int n;
            do {
                sink.clear();
                n = ch.read(sink);
            } while (n > 0);
            if (n < 0) {
                key.cancel();
                ch.close();
            }
        } catch (IOException e) {
            key.cancel();
            try {
                ch.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }

    static void addSleeper(Thread t) {
        SLEEPERS.add(t);
    }

    static void removeSleeper(Thread t) {
        SLEEPERS.remove(t);
    }

    /**
     * Wakes the threads of process {@code pid} parked on shared structures.
     *
     * @return false if that process has no bell (it ended)
     */
    static boolean ring(long pid) {
        if (pid == ProcessLiveness.currentPid()) {
            SLEEPERS.forEach(LockSupport::unpark);
            return true;
        }
        SocketChannel ch = RINGERS.get(pid);
        if (ch == null) {
            ch = connect(pid);
            if (ch == null) {
                return !ProcessLiveness.isDead(pid);
            }
        }
        try {
            ch.write(ByteBuffer.wrap(new byte[] {1}));
            return true;
        } catch (IOException e) {
            RINGERS.remove(pid, ch);
            closeQuietly(ch);
            return !ProcessLiveness.isDead(pid);
        }
    }

    /** Drops the connection kept to {@code pid}'s bell, if any; the next {@link #ring} connects, and checks, again. */
    static void forget(long pid) {
        SocketChannel ch = RINGERS.remove(pid);
        if (ch != null) {
            closeQuietly(ch);
        }
    }

    /**
     * Connects to process {@code pid}'s bell: at its own name if this user made that file, else at one of this user's
     * other names of that pid ({@link #alternatePathOf}), which only a process whose name was taken listens on. Looking
     * for those lists the folder: it happens only for a process without a bell under its own name, once per
     * connection (a slot whose process ended is cleared at its first ring).
     * Another user's socket under a bell's name is never connected to: it would learn when this tree's waiters are
     * woken.
     */
    private static SocketChannel connect(long pid) {
        Path bell = pathOf(pid);
        SocketChannel ch = OwnFiles.isOwnedByUs(bell) ? open(bell) : null;
        if (ch == null) {
            // the name was another user's when the process started (it may be gone since), or the process ended
            try (DirectoryStream<Path> others = Files.newDirectoryStream(ShmDirectory.dir(), PREFIX + pid + "-*")) {
                for (Path other : others) {
                    if (OwnFiles.isOwnedByUs(other) && (ch = open(other)) != null) {
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no bell found: the waiters poll
            }
        }
        if (ch == null) {
            return null;
        }
        SocketChannel raced = RINGERS.putIfAbsent(pid, ch);
        if (raced != null) {
            closeQuietly(ch);
            return raced;
        }
        return ch;
    }

    private static SocketChannel open(Path bell) {
        try {
            SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(bell));
            ch.configureBlocking(false);
            return ch;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void closeQuietly(Channel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
