package dev.mp4j.shm;

import dev.mp4j.SharedMemory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.mp4j.shm.TestSupport.slack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clean-up of blocks per process tree ({@link Tree}), with real root JVMs: a root that ends unlinks what
 * its tree made; a killed root's blocks go when the next JVM starts; a process that only attaches never
 * unlinks; and nothing is printed on stderr.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CleanupTest {
    private static final Duration READY = Duration.ofSeconds(20);
    private static final Duration EXIT = Duration.ofSeconds(20);

    private final List<String> names = new ArrayList<>();

    private String newName() {
        String n = "test-mp4j-cleanup-" + UUID.randomUUID();
        names.add(n);
        return n;
    }

    @AfterEach
    void removeLeftovers() throws IOException {
        for (String n : names) {
            Files.deleteIfExists(ShmDirectory.pathOf(n));
        }
    }

    private static boolean exists(String name) {
        return Files.exists(ShmDirectory.pathOf(name));
    }

    /** Registries of trees whose root has pid {@code pid}. */
    private static List<Path> registriesOf(long pid) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(ShmDirectory.dir(), "mp4j-tree-" + pid + "-*.names")) {
            ds.forEach(found::add);
        }
        return found;
    }

    /** This JVM's registry; this JVM is the root of its tree (surefire does not pass a tree id). */
    private static Path ownRegistry() throws IOException {
        String tree = SharedObjects.joinTree();
        assertTrue(tree.startsWith(ProcessHandle.current().pid() + "-"), "this JVM is a root: " + tree);
        return ShmDirectory.dir().resolve("mp4j-tree-" + tree + ".names");
    }

    @Test
    void aRootThatExitsNormallyUnlinksItsBlocks() throws Exception {
        String name = newName();
        try (Child root = Child.asRoot("create", name)) {
            root.expect("READY", READY);
            assertEquals(0, root.waitExit(EXIT));
            assertFalse(exists(name), "the root's shutdown hook must unlink " + name);
            assertEquals(List.of(), registriesOf(root.pid()), "and delete its registry");
            assertEquals("", root.stderr());
        }
    }

    @Test
    void aBlocksPartsGoWithItWhetherItsRootExitsOrIsKilled() throws Exception {
        String exiting = newName();
        String exitingPart = MappedSegment.partName(exiting, "part");
        names.add(exitingPart);
        try (Child root = Child.asRoot("create-with-part", exiting)) {
            root.expect("READY", READY);
            assertEquals(0, root.waitExit(EXIT));
            assertFalse(exists(exitingPart), "the root's shutdown hook must unlink the part " + exitingPart);
            assertFalse(exists(exiting));
            assertEquals("", root.stderr());
        }
        String killed = newName();
        String killedPart = MappedSegment.partName(killed, "part");
        names.add(killedPart);
        try (Child root = Child.asRoot("create-with-part", killed, "linger")) {
            root.expect("READY", READY);
            assertTrue(exists(killedPart), "a part is a file of its own");
            String registry = Files.readString(registriesOf(root.pid()).get(0));
            assertFalse(registry.contains(killedPart), "a part must not be listed in the registry: " + registry);
            root.kill();
        }
        try (Child next = Child.asRoot("join")) {
            next.expect("READY", READY);
            assertEquals(0, next.waitExit(EXIT));
            assertFalse(exists(killedPart), "the next JVM to start must sweep the killed root's part");
            assertFalse(exists(killed));
        }
    }

    @Test
    void aKilledRootsBlocksAreUnlinkedByTheNextJvmToStart() throws Exception {
        String name = newName();
        long killedPid;
        try (Child root = Child.asRoot("create", name, "linger")) {
            root.expect("READY", READY);
            assertTrue(exists(name));
            killedPid = root.pid();
            assertEquals(1, registriesOf(killedPid).size(), "the root keeps a registry while it runs");
            root.kill();
            assertTrue(exists(name), "nobody can clean up at a SIGKILL: the block stays for now");
            assertEquals("", root.stderr());
        }
        try (Child next = Child.asRoot("join")) {
            assertTrue(next.nextLine(READY).startsWith("TREE " + next.pid() + "-"));
            next.expect("READY", READY);
            assertEquals(0, next.waitExit(EXIT));
            assertFalse(exists(name), "the next JVM to start must sweep the killed root's block");
            assertEquals(List.of(), registriesOf(killedPid), "and the killed root's registry");
            assertEquals("", next.stderr());
        }
    }

    @Test
    void aKilledProcesssBellIsRemovedByTheNextJvmToStart() throws Exception {
        dev.mp4j.Event e = SharedObjects.event();
        Path bell;
        try (Child sleeper = Child.inTree("event-await", TestSupport.toBase64(e))) {
            sleeper.expect("READY", READY);
            bell = Bell.pathOf(sleeper.pid());
            // past the 20 ms poll stage the waiter sleeps on its process's bell
            TestSupport.awaitTrue(() -> Files.exists(bell), Duration.ofSeconds(10), "the child's bell");
            sleeper.kill();
            assertTrue(Files.exists(bell), "a SIGKILL leaves the bell behind");
            assertEquals("", sleeper.stderr());
        }
        try (Child next = Child.asRoot("join")) {
            next.expect("READY", READY);
            assertEquals(0, next.waitExit(EXIT));
            assertEquals("", next.stderr());
        }
        assertFalse(Files.exists(bell), "the next JVM to start must remove the dead process's bell");
    }

    @Test
    void aProcessThatSleptOnABellRemovesItWhenItExits() throws Exception {
        dev.mp4j.Event e = SharedObjects.event();
        try (Child sleeper = Child.inTree("event-await", TestSupport.toBase64(e))) {
            sleeper.expect("READY", READY);
            Path bell = Bell.pathOf(sleeper.pid());
            TestSupport.awaitTrue(() -> Files.exists(bell), Duration.ofSeconds(10), "the child's bell");
            e.set();
            assertEquals("AWAKE true", sleeper.nextLine(slack(Duration.ofSeconds(2))));
            assertEquals(0, sleeper.waitExit(EXIT));
            assertFalse(Files.exists(bell), "a JVM that ends normally removes its bell");
            assertEquals("", sleeper.stderr());
        }
    }

    @Test
    void aRootThatOnlyAttachesDoesNotUnlink() throws Exception {
        String name = newName();
        SharedMemory m = SharedObjects.sharedMemory(name, 64);
        try {
            m.buffer().put(0, (byte) 42);
            try (Child root = Child.asRoot("attach", name)) {
                assertEquals("BYTE 42", root.nextLine(READY));
                root.expect("READY", READY);
                assertEquals(0, root.waitExit(EXIT));
                assertEquals("", root.stderr());
            }
            assertTrue(exists(name), "a process that only attached must not unlink");
            assertEquals(42, SharedObjects.attachSharedMemory(name).buffer().get(0));
        } finally {
            m.unlink();
        }
    }

    @Test
    void aTreeMemberThatOnlyAttachesDoesNotUnlink() throws Exception {
        String name = newName();
        SharedMemory m = SharedObjects.sharedMemory(name, 64);
        try {
            m.buffer().put(0, (byte) 7);
            try (Child member = Child.inTree("attach", name)) {
                assertEquals("BYTE 7", member.nextLine(READY));
                member.expect("READY", READY);
                assertEquals(0, member.waitExit(EXIT));
                assertEquals("", member.stderr());
            }
            assertTrue(exists(name), "a process that only attached must not unlink");
        } finally {
            m.unlink();
        }
    }

    @Test
    void aTreeMemberThatExitsLeavesItsBlocksToTheRoot() throws Exception {
        String name = newName();
        try (Child member = Child.inTree("create", name)) {
            member.expect("READY", READY);
            assertEquals(0, member.waitExit(EXIT));
            assertEquals("", member.stderr());
        }
        assertTrue(exists(name), "only the root of the tree (this JVM) unlinks, when it ends");
        SharedMemory m = SharedObjects.attachSharedMemory(name);
        assertEquals(42, m.buffer().get(0));
        m.unlink();
    }

    @Test
    void anotherRootStartingDoesNotSweepTheBlocksOfALiveTree() throws Exception {
        String name = newName();
        SharedMemory m = SharedObjects.sharedMemory(name, 64);
        dev.mp4j.SharedInt v = SharedObjects.sharedInt(5);
        try {
            Path registry = ownRegistry();
            assertTrue(Files.readAllLines(registry).contains("+" + name), "this JVM's tree registers " + name);
            try (Child other = Child.asRoot("join")) {
                other.expect("READY", READY);
                assertEquals(0, other.waitExit(EXIT));
                assertEquals("", other.stderr());
            }
            assertTrue(exists(name), "this JVM's tree is alive: its blocks must stay");
            assertTrue(exists(v.name()));
            assertEquals(5, v.get());
            assertTrue(Files.exists(registry), "and so must its registry");
        } finally {
            m.unlink();
        }
    }

    /** A refused second create of a name must not take the first, successful one out of the clean-up. */
    @Test
    void aRefusedDuplicateCreateDoesNotStopTheCleanUpOfTheOriginal() throws Exception {
        String name = newName();
        try (Child root = Child.asRoot("create-twice", name)) {
            assertEquals("SECOND CREATE REFUSED", root.nextLine(READY));
            root.expect("READY", READY);
            assertEquals(0, root.waitExit(EXIT));
            assertEquals("", root.stderr());
        }
        assertFalse(exists(name), "the root's shutdown hook must unlink the block it created");
    }

    /** Every block of the tree goes when the root ends, also when the root made none of them itself. */
    @Test
    void aRootCleansUpBlocksMadeOnlyByItsChildren() throws Exception {
        String name = newName();
        try (Child root = Child.asRoot("spawn-creator", name)) {
            assertEquals("CREATOR EXIT 0 STDERR 0", root.nextLine(Duration.ofSeconds(40)));
            root.expect("READY", READY);
            assertEquals(0, root.waitExit(EXIT));
            assertEquals("", root.stderr());
        }
        assertFalse(exists(name), "the root's end must unlink the block its child made");
    }
}
