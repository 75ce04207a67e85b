package dev.mp4j.shm;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link StaleFiles}: only matching entries of gone owners go, and links are never followed. */
class StaleFilesTest {
    /** The pid of a process that ran and was reaped: dead (short of the kernel recycling it this instant). */
    private static long deadPid;
    private static final long ME = ProcessHandle.current().pid();

    /** Names like {@code x-<pid>} or {@code x-<pid>-<start millis>}. */
    private static final Function<String, StaleFiles.Owner> X_OWNER = name -> {
        String[] parts = name.split("-");
        long pid = Long.parseLong(parts[1]);
        return parts.length > 2 ? new StaleFiles.Owner(pid, Long.parseLong(parts[2])) : StaleFiles.Owner.pid(pid);
    };

    @TempDir
    Path dir;

    @BeforeAll
    static void makeADeadProcess() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        deadPid = p.pid();
        assertTrue(ProcessLiveness.isDead(deadPid));
    }

    private Path file(String name) throws IOException {
        return Files.writeString(dir.resolve(name), name);
    }

    private Path folderWithAFile(String name) throws IOException {
        Path folder = Files.createDirectory(dir.resolve(name));
        Files.writeString(folder.resolve("inner"), "x");
        return folder;
    }

    @Test
    void removesOnlyMatchingEntriesOfGoneOwners() throws IOException {
        Path stale = file("x-" + deadPid);
        Path mine = file("x-" + ME);
        Path mineByStart = file("x-" + ME + "-" + ProcessLiveness.startMillis(ME));
        Path recycled = file("x-" + ME + "-" + (ProcessLiveness.startMillis(ME) - 3_600_000));
        Path otherGlob = file("y-" + deadPid);
        Path unparsable = file("x-notapid");

        assertEquals(2, StaleFiles.sweep(dir, "x-*", X_OWNER));

        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(recycled), "this pid with another start time is another, gone, process");
        assertTrue(Files.exists(mine));
        assertTrue(Files.exists(mineByStart));
        assertTrue(Files.exists(otherGlob), "not matched by the glob");
        assertTrue(Files.exists(unparsable), "a name the parser refuses is not ours");
    }

    @Test
    void neverFollowsNorRemovesASymbolicLink() throws IOException {
        Path target = file("target");
        Path link = Files.createSymbolicLink(dir.resolve("x-" + deadPid), target);
        Path folder = Files.createDirectory(dir.resolve("linked"));
        Path inside = Files.writeString(folder.resolve("x-" + deadPid), "keep");
        Path linkToFolder = Files.createSymbolicLink(dir.resolve("x-" + deadPid + "-1"), folder);
        List<Path> handed = new ArrayList<>();

        assertEquals(0, StaleFiles.sweep(dir, "x-*", X_OWNER, p -> {
            handed.add(p);
            Files.delete(p);
        }));

        assertEquals(List.of(), handed, "a link is never handed to the removal");
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.exists(target));
        assertTrue(Files.isSymbolicLink(linkToFolder));
        assertTrue(Files.exists(inside));
    }

    @Test
    void theRemovalDecidesAndAFailureStopsNothing() throws IOException {
        Path a = folderWithAFile("x-" + deadPid);
        Path b = file("x-" + deadPid + "-1");
        List<Path> handed = new ArrayList<>();

        int removed = StaleFiles.sweep(dir, "x-*", X_OWNER, p -> {
            handed.add(p);
            if (Files.isDirectory(p)) {
                throw new IOException("refused");
            }
            Files.delete(p);
        });

        assertEquals(1, removed);
        assertEquals(2, handed.size(), "both stale entries were handed over: " + handed);
        assertTrue(Files.exists(a));
        assertFalse(Files.exists(b));
    }

    @Test
    void theDefaultRemovalLeavesANonEmptyFolder() throws IOException {
        Path full = folderWithAFile("x-" + deadPid);
        Path empty = Files.createDirectory(dir.resolve("x-" + deadPid + "-1"));

        assertEquals(1, StaleFiles.sweep(dir, "x-*", X_OWNER));

        assertTrue(Files.exists(full.resolve("inner")));
        assertFalse(Files.exists(empty));
    }

    @Test
    void aFolderThatCannotBeListedIsNoError() {
        assertEquals(0, StaleFiles.sweep(dir.resolve("missing"), "x-*", X_OWNER));
        assertEquals(0, StaleFiles.sweep(dir, "x-*", name -> {
            throw new IllegalStateException("never called: nothing matches");
        }));
    }
}
