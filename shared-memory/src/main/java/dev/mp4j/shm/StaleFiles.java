package dev.mp4j.shm;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Removes the files that processes which are gone left in a folder: a process that ends normally removes its
 * own, one killed with {@code -9} cannot, so the next process to start sweeps. A file is stale when its name
 * records its owner's pid (and, better, the owner's start time) and {@link ProcessLiveness} says that owner is
 * gone.
 *
 * <p>A sweep is best effort and never throws: a folder that cannot be listed, a name that does not parse, a file
 * that cannot be removed (another user's, or removed meanwhile by a racing sweep) are skipped, and logged at
 * {@code DEBUG}. It touches only entries that match the glob and whose name the caller's parser accepts, and it
 * never follows a symbolic link: a link is not something mp4j makes, so one is left alone, whatever its name.
 * The liveness checks cost a few µs per matching entry; sweep once, when a process first needs the folder.
 */
public final class StaleFiles {
    private static final System.Logger LOG = System.getLogger(StaleFiles.class.getName());

    private StaleFiles() {
    }

    /**
     * The process a file name records as its owner.
     *
     * @param pid         the owner's pid
     * @param startMillis the owner's start time ({@link ProcessLiveness#startMillis}), or 0 if the name does not
     *                    record one; with it a recycled pid is told from the owner
     */
    public record Owner(long pid, long startMillis) {
        /** @return an owner known by pid only */
        public static Owner pid(long pid) {
            return new Owner(pid, 0);
        }

        /** @return whether this owner is gone, as {@link ProcessLiveness#isGone} says */
        public boolean isGone() {
            return ProcessLiveness.isGone(pid, startMillis);
        }
    }

    /** What to do with a stale entry; the default deletes it. */
    @FunctionalInterface
    public interface Removal {
        /**
         * Removes one stale entry; may throw, the sweep goes on with the next.
         *
         * @param stale the entry, never a symbolic link (as seen when the sweep listed it)
         */
        void remove(Path stale) throws IOException;
    }

    /**
     * Deletes the stale entries of {@code folder} that match {@code glob}; a directory is deleted only if empty.
     *
     * @see #sweep(Path, String, Function, Removal)
     */
    public static int sweep(Path folder, String glob, Function<String, Owner> ownerOf) {
        return sweep(folder, glob, ownerOf, Files::deleteIfExists);
    }

    /**
     * Passes every stale entry of {@code folder} that matches {@code glob} to {@code removal}. An entry is stale
     * if it is not a symbolic link, {@code ownerOf} returns an owner for its file name, and that owner is gone.
     * The folder is listed first and the owners checked after, so {@code removal} may change the folder.
     *
     * @param folder  the folder to sweep; not recursed into
     * @param glob    which file names to consider, as {@link java.nio.file.FileSystem#getPathMatcher} "glob:"
     *                patterns
     * @param ownerOf the owner a file name records; null (or an exception) for a name that is not one of the
     *                caller's, which is then left alone. Return null for entries that must stay whatever their
     *                owner, such as this process tree's own
     * @param removal what removes a stale entry
     * @return how many entries {@code removal} handled without throwing
     */
    public static int sweep(Path folder, String glob, Function<String, Owner> ownerOf, Removal removal) {
        Objects.requireNonNull(ownerOf, "ownerOf");
        Objects.requireNonNull(removal, "removal");
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, glob)) {
            entries.forEach(candidates::add);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot sweep " + folder + " for stale " + glob, e);
            return 0;
        }
        int removed = 0;
        for (Path entry : candidates) {
            try {
                Owner owner = ownerOf.apply(entry.getFileName().toString());
                if (owner == null || isLink(entry) || !owner.isGone()) {
                    continue;
                }
                removal.remove(entry);
                removed++;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "cannot remove stale " + entry, e);
            }
        }
        return removed;
    }

    private static boolean isLink(Path entry) throws IOException {
        return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink();
    }
}
