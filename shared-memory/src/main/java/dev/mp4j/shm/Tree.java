package dev.mp4j.shm;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The clean-up of shared blocks, per process tree: Python's resource tracker without its pain.
 *
 * <p>The root process of a tree picks the tree's id, {@code <root pid>-<root start millis>}, and passes it to
 * its children in the system property {@value #PROPERTY} (mp4j copies every {@code mp4j.*} property into a
 * child). Every process of the tree appends {@code +name} to the tree's registry file
 * {@code mp4j-tree-<id>.names} before it creates a block, and {@code -name} after it unlinks one, with
 * {@code O_APPEND}, so lines from several processes never interleave. When the root ends normally its
 * shutdown hook unlinks every block still listed, with its parts ({@code <name>~*}, never listed themselves), once
 * the runtime has ended the tree's children (see {@link RuntimeExit}), and the bells of processes that are gone.
 * When the root was killed, the first mp4j JVM that touches shared memory afterwards finds the registry of a root
 * that no longer runs and does the same. A process that only attaches to a block never unlinks it, and nothing here
 * prints a warning.
 */
final class Tree {
    static final String PROPERTY = "mp4j.shm.tree";
    private static final String PREFIX = "mp4j-tree-";
    private static final String SUFFIX = ".names";
    private static final System.Logger LOG = System.getLogger(Tree.class.getName());

    private static volatile Tree instance;

    private final String id;
    private final Path registry;
    private FileChannel log;
    private boolean untrusted;

    Tree(String id) {
        this.id = id;
        this.registry = ShmDirectory.dir().resolve(PREFIX + id + SUFFIX);
    }

    static Tree get() {
        Tree t = instance;
        if (t == null) {
            synchronized (Tree.class) {
                t = instance;
                if (t == null) {
                    boolean root = isBlank(System.getProperty(PROPERTY));
                    t = join();
                    if (root) {
                        sweepStale(t.id); // for the whole tree: its children start after it, and need not again
                    }
                    instance = t;
                }
            }
        }
        return t;
    }

    /** The tree id, chosen now if this JVM is a root; call before starting a child. */
    static String id() {
        return get().id;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static Tree join() {
        String inherited = System.getProperty(PROPERTY);
        if (!isBlank(inherited)) {
            return new Tree(inherited);
        }
        String id = ProcessLiveness.currentPid() + "-" + ProcessLiveness.startMillis(ProcessLiveness.currentPid());
        System.setProperty(PROPERTY, id);
        Tree root = new Tree(id);
        // from the start, not from the root's first block: its children may make every block of the tree
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            RuntimeExit.await();
            cleanUp(root.registry);
            sweepDeadBells(); // of the tree's processes that were killed, which no one else removes before next start
        }, "mp4j-shm-cleanup"));
        return root;
    }

    synchronized void created(String name) {
        append("+" + name);
    }

    synchronized void unlinked(String name) {
        append("-" + name);
    }

    private void append(String line) {
        if (untrusted) {
            return;
        }
        // the channel stays open across calls, and an interrupt that arrives during a write closes it for good
        // (ClosedByInterruptException): the status is cleared around the write, and a channel an interrupt closed
        // is opened again, or the registry would record nothing more for the rest of this JVM's life
        boolean interrupted = Thread.interrupted();
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            for (int attempt = 1; b.hasRemaining(); attempt++) {
                try {
                    FileChannel ch = channel();
                    if (ch == null) {
                        return;
                    }
                    while (b.hasRemaining()) {
                        ch.write(b); // what an interrupted write wrote stays: b's position says so
                    }
                } catch (ClosedChannelException e) {
                    log = null;
                    interrupted |= Thread.interrupted();
                    if (attempt == 10) { // each attempt lost to a new interrupt: give up only on a storm of them
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot record shared block " + line + " in " + registry, e);
        } finally {
            MappedSegment.restoreInterrupt(interrupted);
        }
    }

    /** The open registry, or null if another user made it first. */
    private FileChannel channel() throws IOException {
        if (log == null) {
            FileChannel ch = FileChannel.open(registry, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS), MappedSegment.ownerOnly(registry));
            if (!OwnFiles.isOurs(registry)) {
                // made first by someone else, who could then list what this tree's clean-up deletes
                ch.close();
                untrusted = true;
                LOG.log(Level.WARNING, registry + " is not this user's own file, or others may write it: "
                        + "mp4j does not use it, and this tree's shared blocks will not be removed when it ends");
                return null;
            }
            log = ch;
        }
        return log;
    }

    /**
     * Unlinks every block a registry still lists, then the registry; a registry that is not this user's own and
     * private (see {@link OwnFiles#isOurs}) is not read: another user may have planted it, listing files to delete.
     */
    static void cleanUp(Path registry) {
        if (!OwnFiles.isOurs(registry)) {
            LOG.log(Level.DEBUG, "not trusted, left alone: " + registry);
            return;
        }
        Set<String> live = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(registry, StandardCharsets.UTF_8)) {
                if (line.startsWith("+")) {
                    live.add(line.substring(1));
                } else if (line.startsWith("-")) {
                    live.remove(line.substring(1));
                }
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot read " + registry, e);
            return;
        }
        for (String name : live) {
            try {
                // its parts first (MappedSegment.createPart), which the registry does not list
                try (DirectoryStream<Path> parts = Files.newDirectoryStream(ShmDirectory.dir(),
                        globQuoted(name) + MappedSegment.PART + "*")) {
                    for (Path part : parts) {
                        Folders.deleteTree(part); // a part may be a folder (MappedSegment.createPartFolder)
                    }
                }
                Files.deleteIfExists(ShmDirectory.pathOf(name));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "cannot unlink shared block " + name, e);
            }
        }
        try {
            Files.deleteIfExists(registry);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot delete " + registry, e);
        }
    }

    /** {@code name} as a glob that matches only itself: a user may name a block {@code "a*"}. */
    private static String globQuoted(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            if ("\\*?[]{}".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Cleans up after roots that ended without their hook running (killed, or halted), and dead processes' bells. */
    private static void sweepStale(String ownId) {
        StaleFiles.sweep(ShmDirectory.dir(), PREFIX + "*" + SUFFIX, f -> {
            String treeId = f.substring(PREFIX.length(), f.length() - SUFFIX.length());
            return treeId.equals(ownId) ? null : rootOf(treeId);
        }, Tree::cleanUp);
        sweepDeadBells();
    }

    /** Removes the bells of processes that are gone (their sockets' files, named after their pids). */
    private static void sweepDeadBells() {
        StaleFiles.sweep(ShmDirectory.dir(), Bell.GLOB, f -> StaleFiles.Owner.pid(Bell.pidOf(f)));
    }

    /** The root process a tree id names, {@code <pid>-<start millis>}; null if the id is not one. */
    private static StaleFiles.Owner rootOf(String treeId) {
        int dash = treeId.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            long pid = Long.parseLong(treeId.substring(0, dash));
            return new StaleFiles.Owner(pid, Long.parseLong(treeId.substring(dash + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
