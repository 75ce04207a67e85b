package dev.mp4j.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Whether a file can be trusted as this user's own: in a folder that other users may write to, such as
 * {@code /dev/shm} or {@code /tmp}, a name proves nothing, since anyone can make a file of any free name first. What
 * mp4j reads back and acts on (a registry that lists what to delete, a class-data archive to map as code) must be
 * a regular file, not a link, that this user owns and nobody else may write.
 */
public final class OwnFiles {
    private static volatile Integer uid;

    private OwnFiles() {}

    /**
     * @return whether {@code file} is a regular file (links are not followed), owned by this process's user, and
     *         writable by neither its group nor others; false if it cannot be read, or on a file system without
     *         owners (there, every file is trusted as before: such a folder is the user's own)
     */
    public static boolean isOurs(Path file) {
        try {
            if (!file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
                return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
            }
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> mode = a.permissions();
            return a.isRegularFile() && ownerUid(file) == uid() && !mode.contains(PosixFilePermission.GROUP_WRITE)
                    && !mode.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * @return whether {@code path} is not a link and belongs to this process's user, whatever its type (a socket,
     *         say); false if it cannot be read
     */
    public static boolean isOwnedByUs(Path path) {
        try {
            if (!path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
                return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
            }
            return !Files.isSymbolicLink(path) && ownerUid(path) == uid();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** @return the numeric owner of {@code file}, not following a link */
    public static int ownerUid(Path file) throws IOException {
        return (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    /** @return this process's effective user id: the owner of its {@code /proc/self}, or of a file it makes */
    public static int uid() throws IOException {
        Integer u = uid;
        if (u == null) {
            Path self = Path.of("/proc/self");
            if (Files.exists(self)) {
                u = (Integer) Files.getAttribute(self, "unix:uid");
            } else {
                Path probe = Files.createTempFile("mp4j-uid", "");
                try {
                    u = ownerUid(probe);
                } finally {
                    Files.delete(probe);
                }
            }
            uid = u;
        }
        return u;
    }
}
