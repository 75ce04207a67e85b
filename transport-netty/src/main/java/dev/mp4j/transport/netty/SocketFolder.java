package dev.mp4j.transport.netty;

import dev.mp4j.shm.ProcessLiveness;
import dev.mp4j.shm.RuntimeExit;
import dev.mp4j.shm.StaleFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The private folder that holds one transport's Unix socket files: {@code <tmp>/mp4j-<pid>-<random>}, mode
 * {@code rwx------}, so only this user can connect. Socket files in it are named {@code s<n>.sock}.
 *
 * <p>{@code <tmp>} is {@code java.io.tmpdir}, or {@code /tmp} when a socket path under {@code java.io.tmpdir}
 * could exceed {@value #MAX_SOCKET_PATH_BYTES} bytes: {@code sun_path} holds 104 to 108 bytes depending on the OS,
 * and macOS's per-user temporary folders are long.
 *
 * <p>The folder is made on the first {@link #newSocketPath()}, so a process that only connects makes none. It is
 * removed by {@link #delete()} and, for folders still present at JVM exit, by one shutdown hook shared by all
 * folders. {@link #open()} also removes folders left by processes that died without running their hooks.
 *
 * <p>Thread-safe.
 */
final class SocketFolder {
    static final int MAX_SOCKET_PATH_BYTES = 100;

    private static final Pattern FOLDER_NAME = Pattern.compile("mp4j-(\\d{1,18})-[0-9a-z]+");
    private static final Pattern SOCKET_NAME = Pattern.compile("s\\d+\\.sock");
    private static final int RANDOM_CHARS = 10;
    // The longest file name newSocketPath can make, for the path length check.
    private static final String LONGEST_SOCKET_NAME = "s" + Integer.MAX_VALUE + ".sock";

    private static final Set<SocketFolder> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_REGISTERED = new AtomicBoolean();

    private final Path base;
    private final long pid = ProcessLiveness.currentPid();
    private final AtomicInteger nextSocket = new AtomicInteger();
    // Guarded by this.
    private Path dir;
    private boolean deleted;

    private SocketFolder(Path base) {
        this.base = base;
    }

    /**
     * Chooses the base folder and, best effort, removes stale folders of dead processes in it. Never fails.
     */
    static SocketFolder open() {
        SocketFolder folder = new SocketFolder(chooseBase());
        folder.removeStale();
        return folder;
    }

    private static Path chooseBase() {
        Path tmp;
        try {
            tmp = Path.of(System.getProperty("java.io.tmpdir", "/tmp")).toAbsolutePath();
        } catch (RuntimeException e) {
            return Path.of("/tmp");
        }
        String sample = "mp4j-" + ProcessLiveness.currentPid() + "-" + "x".repeat(RANDOM_CHARS);
        int bytes = tmp.resolve(sample).resolve(LONGEST_SOCKET_NAME).toString()
                .getBytes(StandardCharsets.UTF_8).length;
        Path fallback = Path.of("/tmp");
        if (bytes > MAX_SOCKET_PATH_BYTES && Files.isDirectory(fallback)) {
            return fallback;
        }
        return tmp;
    }

    /**
     * @return a fresh socket path in the folder, making the folder first if needed
     * @throws IOException if the folder cannot be made, or was deleted
     */
    Path newSocketPath() throws IOException {
        return folder().resolve("s" + nextSocket.getAndIncrement() + ".sock");
    }

    private synchronized Path folder() throws IOException {
        if (deleted) {
            throw new IOException("the socket folder was already removed: the transport is closed");
        }
        if (dir == null) {
            dir = createPrivateFolder();
            LIVE.add(this);
            registerHookOnce();
        }
        return dir;
    }

    private Path createPrivateFolder() throws IOException {
        boolean posix = base.getFileSystem().supportedFileAttributeViews().contains("posix");
        for (int attempt = 0; ; attempt++) {
            Path candidate = base.resolve("mp4j-" + pid + "-" + randomName());
            try {
                // createDirectory fails on an existing name, so nobody can slip in a folder or link of their own.
                if (posix) {
                    return Files.createDirectory(candidate,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                }
                // Without POSIX permissions (Windows) the user's temp folder is already private to the user.
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw new IOException("cannot find a free folder name in " + base, e);
                }
            }
        }
    }

    private static String randomName() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(RANDOM_CHARS);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            sb.append(Character.forDigit(random.nextInt(36), 36));
        }
        return sb.toString();
    }

    /** Removes one socket file, best effort: a server's file once it stops listening. */
    static void deleteSocket(Path socket) {
        if (socket == null) {
            return;
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException | RuntimeException ignored) {
            // Best effort: the folder removal retries it, and a stale socket file only costs a directory entry.
        }
    }

    /** Removes the socket files and the folder; later {@link #newSocketPath()} calls fail. Idempotent. */
    synchronized void delete() {
        deleted = true;
        if (dir != null) {
            removeFolder(dir);
            dir = null;
        }
        LIVE.remove(this);
    }

    /** @return the folder, or null if none was made yet (or it was deleted); for tests and diagnostics */
    synchronized Path path() {
        return dir;
    }

    private static void registerHookOnce() {
        if (HOOK_REGISTERED.compareAndSet(false, true)) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    RuntimeExit.await(); // the children it waits for may still connect
                    deleteAllLive();
                }, "mp4j-netty-cleanup"));
            } catch (IllegalStateException | SecurityException e) {
                // Already shutting down, or not allowed: Transport.close() and the next open's stale scan remain.
            }
        }
    }

    private static void deleteAllLive() {
        for (SocketFolder folder : List.copyOf(LIVE)) {
            folder.delete();
        }
    }

    // Best effort, and only what this class makes: a folder (not a link) named like ours whose process is gone, and
    // in it only s<n>.sock entries. Anything else there (another tool's files) keeps the folder.
    private void removeStale() {
        StaleFiles.sweep(base, "mp4j-*", name -> {
            Matcher m = FOLDER_NAME.matcher(name);
            return m.matches() ? StaleFiles.Owner.pid(Long.parseLong(m.group(1))) : null;
        }, folder -> {
            if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                removeFolder(folder);
            }
        });
    }

    /**
     * Removes our socket files from {@code folder}, then the folder if that left it empty. The folder is opened
     * once, without following a link, and the files are removed relative to what was opened: in a folder others can
     * write, a check and then a listing by name would let someone swap the folder for a link in between.
     */
    static void removeFolder(Path folder) {
        Path parent = folder.toAbsolutePath().getParent();
        Path name = folder.getFileName();
        try (DirectoryStream<Path> around = Files.newDirectoryStream(parent)) {
            if (around instanceof SecureDirectoryStream<Path> secure) {
                try (SecureDirectoryStream<Path> in = secure.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                    for (Path entry : in) {
                        Path file = entry.getFileName();
                        if (SOCKET_NAME.matcher(file.toString()).matches()) {
                            in.deleteFile(file);
                        }
                    }
                }
                secure.deleteDirectory(name);
                return;
            }
        } catch (IOException | RuntimeException ignored) {
            return; // best effort (a link, another user's folder, a file that is not ours): leave it
        }
        // No race-free way on this platform (not Linux): check, then act, and never through a link.
        try {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path entry : entries) {
                    if (SOCKET_NAME.matcher(entry.getFileName().toString()).matches()) {
                        Files.deleteIfExists(entry); // removes a link itself, never what it points to
                    }
                }
            }
            Files.deleteIfExists(folder);
        } catch (IOException | RuntimeException ignored) {
            // best effort, as above
        }
    }

    @Override
    public String toString() {
        Path d = path();
        return d != null ? d.toString() : base.resolve("mp4j-" + pid + "-*") + " (not made yet)";
    }
}
