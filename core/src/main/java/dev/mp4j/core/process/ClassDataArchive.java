package dev.mp4j.core.process;

import dev.mp4j.shm.OwnFiles;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The class-data archive (AppCDS) of the children of one command line: the classes a child loads as it boots,
 * connects and makes its first exchange, mapped from a file instead of parsed and verified again. It saves a cold
 * child about a tenth of its start, and a spare the same share of its boot.
 *
 * <p><b>How it is made.</b> A training run: a JVM that boots as a spare does, with
 * {@code -XX:ArchiveClassesAtExit}, and ends once warm; the JVM writes the archive as it exits, to a temporary name
 * that is then moved into place. That works alike on every JDK from 13 on, and costs no user's child anything: with
 * {@code -XX:+AutoCreateSharedArchive} (JDK 19+) the first real child would write the archive as it exits, and its
 * {@code join()} would wait for that. The AOT cache of JDK 24+ was measured slower to start a child than this
 * archive, so it is not used.
 *
 * <p><b>Where.</b> In {@value #DIR_PROPERTY}, by default {@code $XDG_CACHE_HOME/mp4j/cds} or {@code ~/.cache/mp4j/cds}:
 * a folder of this user's, mode {@code rwx------}, which is checked before every use, because an archive is code: a
 * folder that another user owns or can write to is never used. The file's name is a digest of what the JVM checks and
 * silently rejects an archive for (the JDK, the flags, the class path and the size and time of each of its jars), so
 * a stale archive is never used and a new one is trained instead. The newest {@value #KEPT} archives are kept.
 *
 * <p><b>Never a reason to fail.</b> Without an archive a child starts without one. There is none when
 * {@value #PROPERTY} is {@code false}, when the class path holds a folder of classes (the JVM archives classes from
 * jars only, and refuses to train otherwise), or when the folder cannot be made safe.
 */
final class ClassDataArchive {
    /** The system property that turns the archive off: {@code false}. */
    static final String PROPERTY = "mp4j.cds";
    /** The system property that names the folder of archives. */
    static final String DIR_PROPERTY = "mp4j.cds.dir";
    private static final System.Logger LOG = System.getLogger(ClassDataArchive.class.getName());
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    private static final int KEPT = 8;
    private static final long STALE_TRAINING_MILLIS = 10 * 60_000;

    /** The archive's place, or null when there can be none. */
    private final Path file;

    private ClassDataArchive(Path file) {
        this.file = file;
    }

    /** @return the archive of children started with these JVM flags and no others, and this class path */
    static ClassDataArchive forChildren(List<String> flags, String classPath) {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
            return new ClassDataArchive(null);
        }
        return forChildren(flags, classPath, folder());
    }

    /** @return the archive of children started with these JVM flags and class path, kept in this folder */
    static ClassDataArchive forChildren(List<String> flags, String classPath, Path folder) {
        try {
            String key = key(flags, classPath);
            return new ClassDataArchive(key == null ? null : checkedFolder(folder).resolve(key + ".jsa"));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "no class-data archive for children: " + e);
            return new ClassDataArchive(null);
        }
    }

    /** @return the flags that make a child use the archive, if it exists; none otherwise */
    List<String> useFlags() {
        // An archive named but absent turns off the JDK's own default archive too: name it only when it is there.
        return file != null && OwnFiles.isOurs(file)
                ? List.of("-XX:SharedArchiveFile=" + file, "-Xshare:auto")
                : List.of();
    }

    boolean needsTraining() {
        return file != null && !Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** @return a training run to start, or null if the folder is not safe to write to now */
    Training startTraining() {
        try {
            Path dir = checkedFolder(file.getParent());
            prune(dir);
            Path tmp = dir.resolve(".training-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".jsa");
            return new Training(tmp);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot train a class-data archive: " + e);
            return null;
        }
    }

    /** @return where the archive is or will be; empty if there can be none */
    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** One training run, writing to a temporary name. */
    final class Training {
        private final Path tmp;

        private Training(Path tmp) {
            this.tmp = tmp;
        }

        List<String> flags() {
            return List.of("-XX:ArchiveClassesAtExit=" + tmp, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }

        /** The training JVM ended: its archive, if it wrote one, takes its place. */
        void finish(int exitStatus) {
            try {
                if (exitStatus == 0 && Files.isRegularFile(tmp, LinkOption.NOFOLLOW_LINKS) && Files.size(tmp) > 0) {
                    Files.setPosixFilePermissions(tmp, PRIVATE_FILE);
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    LOG.log(Level.DEBUG, "the class-data archive's training run ended with status " + exitStatus
                            + " and no archive; children start without one");
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "cannot keep the class-data archive " + file + ": " + e);
            } finally {
                abandon();
            }
        }

        void abandon() {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // removed with the next prune
            }
        }
    }

    /**
     * @return the digest of everything the JVM checks an archive against, or null if the class path holds a folder
     *         of classes, which the JVM cannot archive
     */
    private static String key(List<String> flags, String classPath) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder k = new StringBuilder();
        k.append(ChildCommand.javaBinary()).append('\0').append(System.getProperty("java.vm.version")).append('\0');
        flags.forEach(f -> k.append(f).append('\0'));
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                try (Stream<Path> in = Files.list(p)) {
                    if (in.findAny().isPresent()) {
                        return null;
                    }
                }
            }
            k.append(entry).append('\0');
            if (Files.isRegularFile(p)) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                k.append(a.size()).append('\0').append(a.lastModifiedTime().toMillis()).append('\0');
            }
        }
        return HexFormat.of().formatHex(sha.digest(k.toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    private static Path folder() {
        String named = System.getProperty(DIR_PROPERTY);
        if (named != null && !named.isBlank()) {
            return Path.of(named.trim()).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("mp4j").resolve("cds").toAbsolutePath();
    }

    /**
     * Makes the folder if it is missing, and checks it: a real folder (not a link), this user's, that no one else may
     * read or write. An archive is code the JVM maps and runs, so anything less is refused.
     */
    static Path checkedFolder(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another process made it; it is checked below like any other
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a folder");
        }
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != OwnFiles.uid()) {
            throw new IOException(dir + " belongs to user " + owner + ", not to this user");
        }
        if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(PRIVATE_DIR)) {
            Files.setPosixFilePermissions(dir, PRIVATE_DIR);
        }
        return dir;
    }

    /** Keeps the newest archives, and removes training files that a killed run left. */
    private static void prune(Path dir) throws IOException {
        List<Path> archives = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> in = Files.newDirectoryStream(dir, "*.jsa")) {
            for (Path p : in) {
                if (p.getFileName().toString().startsWith(".training-")) {
                    if (now - Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis() > STALE_TRAINING_MILLIS) {
                        Files.deleteIfExists(p);
                    }
                } else {
                    archives.add(p);
                }
            }
        }
        if (archives.size() < KEPT) {
            return;
        }
        archives.sort(Comparator.comparing(ClassDataArchive::modified).reversed());
        for (Path old : archives.subList(KEPT - 1, archives.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
