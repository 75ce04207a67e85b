package dev.mp4j.shm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The attack of the security review (2026-12-01): in the world-writable shared-memory folder, another local user
 * plants a registry named like a dead tree's, listing files of the victim's, and waits for the victim's next mp4j
 * JVM to sweep it; or plants one under the name a tree will use, to add lines to it. A registry is read or written
 * only if it is the user's own private file.
 */
class RegistryTrustTest {
    /** A root that is surely gone: no process has this pid, so its tree's registry is stale. */
    private static final String DEAD_TREE = deadPid() + "-1";

    private final List<Path> made = new ArrayList<>();

    private static long deadPid() {
        for (long pid = 4_000_000; ; pid++) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
    }

    private Path file(String name, String content) throws IOException {
        Path p = ShmDirectory.dir().resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        made.add(p);
        return p;
    }

    private Path victim() throws IOException {
        return file("mp4j-test-victim-" + UUID.randomUUID(), "precious");
    }

    private Path registry(String tree, Path... listed) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Path p : listed) {
            lines.append('+').append(p.getFileName()).append('\n');
        }
        return file("mp4j-tree-" + tree + ".names", lines.toString());
    }

    @AfterEach
    void removeWhatWasMade() throws IOException {
        for (Path p : made) {
            Files.deleteIfExists(p);
        }
    }

    @Test
    void aStaleRegistryOfThisUsersOwnIsCleanedUp() throws IOException {
        Path block = victim();
        Path reg = registry(DEAD_TREE, block);
        Tree.cleanUp(reg);
        assertFalse(Files.exists(block), "the registry is this user's and private: what it lists goes");
        assertFalse(Files.exists(reg));
    }

    @Test
    void aRegistryOthersMayWriteIsNeverRead() throws IOException {
        Path victim = victim();
        Path reg = registry(DEAD_TREE, victim);
        Files.setPosixFilePermissions(reg, PosixFilePermissions.fromString("rw-rw-rw-"));
        Tree.cleanUp(reg);
        assertTrue(Files.exists(victim), "a registry anyone could have written listed " + victim + ", and it was deleted");
    }

    @Test
    void aRegistryAnotherUserPlantedIsNeverRead() throws IOException {
        Path victim = victim();
        Path reg = registry(DEAD_TREE, victim);
        giveAway(reg);
        Tree.cleanUp(reg);
        assertTrue(Files.exists(victim), "another user's registry listed " + victim + ", and it was deleted");
    }

    @Test
    void aRegistryPlantedUnderATreesNameIsNeverWrittenTo() throws IOException {
        String tree = DEAD_TREE + "0";
        Path reg = registry(tree);
        Files.setPosixFilePermissions(reg, PosixFilePermissions.fromString("rw-rw-rw-"));
        Tree t = new Tree(tree);
        t.created("mp4j-test-block-" + UUID.randomUUID());
        assertEquals("", Files.readString(reg), "the tree wrote to a registry others can write");
    }

    private static void giveAway(Path p) {
        try {
            Files.setAttribute(p, "unix:uid", 65534);
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "only root can give a file to another user here: " + e);
        }
    }
}
