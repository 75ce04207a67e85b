package dev.mp4j.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Where shared blocks live, and which names are allowed for them. */
final class ShmDirectory {
    static final int MAX_NAME_LENGTH = 200;

    private static final Path DIR = choose();

    private ShmDirectory() {
    }

    /** {@code /dev/shm} (memory, never written to disk) where it exists, else {@code java.io.tmpdir}. */
    static Path dir() {
        return DIR;
    }

    static Path pathOf(String name) {
        return DIR.resolve(checkName(name));
    }

    static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a shared memory name needs 1 to " + MAX_NAME_LENGTH
                    + " characters, got " + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c == '\0') {
                throw new IllegalArgumentException("a shared memory name must not contain '/', '\\' or NUL: \""
                        + name.replace("\0", "\\0") + '"');
            }
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("\"" + name + "\" is not a usable shared memory name");
        }
        return name;
    }

    /**
     * {@code -Dmp4j.shm.dir} where it is set: made, private to this user, if it does not exist (so that a test run or a
     * container can give each JVM a folder of its own); else {@code /dev/shm}, else {@code java.io.tmpdir}.
     */
    private static Path choose() {
        String override = System.getProperty("mp4j.shm.dir");
        if (override != null) {
            Path dir = Path.of(override);
            try {
                Files.createDirectories(dir, Folders.ownerOnly(dir));
            } catch (IOException | RuntimeException e) {
                // the first create in it names the folder and says why it cannot be used
            }
            return dir;
        }
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
