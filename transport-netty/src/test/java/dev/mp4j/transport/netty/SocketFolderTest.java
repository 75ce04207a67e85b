package dev.mp4j.transport.netty;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SocketFolder#open()} removes the socket folders of gone processes, and only what it made there. */
class SocketFolderTest {
    @TempDir
    Path tmp;

    private Path folder(String name, String... files) throws IOException {
        Path f = Files.createDirectory(tmp.resolve(name));
        for (String file : files) {
            Files.writeString(f.resolve(file), file);
        }
        return f;
    }

    @Test
    void openRemovesOnlyStaleSocketFoldersAndOnlyTheirSockets() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertTrue(ended.waitFor(10, TimeUnit.SECONDS));
        long dead = ended.pid();
        long me = ProcessHandle.current().pid();

        Path stale = folder("mp4j-" + dead + "-abc", "s0.sock", "s1.sock");
        Path withOtherFiles = folder("mp4j-" + dead + "-def", "s0.sock", "notes.txt");
        Path live = folder("mp4j-" + me + "-ghi", "s0.sock");
        Path target = folder("elsewhere", "s0.sock");
        Path link = Files.createSymbolicLink(tmp.resolve("mp4j-" + dead + "-jkl"), target);
        Path plainFile = Files.writeString(tmp.resolve("mp4j-" + dead + "-mno"), "not a folder");
        Path otherName = folder("mp4j-" + dead + "-p-q", "s0.sock");

        String saved = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try {
            SocketFolder.open().delete();
        } finally {
            System.setProperty("java.io.tmpdir", saved);
        }

        assertFalse(Files.exists(stale), "a dead process's folder of sockets goes");
        assertFalse(Files.exists(withOtherFiles.resolve("s0.sock")), "its sockets go");
        assertTrue(Files.exists(withOtherFiles.resolve("notes.txt")), "what is not a socket of ours stays");
        assertTrue(Files.exists(live.resolve("s0.sock")), "a live process's folder stays");
        assertTrue(Files.isSymbolicLink(link), "a link is not followed nor removed");
        assertTrue(Files.exists(target.resolve("s0.sock")));
        assertTrue(Files.exists(plainFile), "a file named like a folder stays");
        assertTrue(Files.exists(otherName.resolve("s0.sock")), "a name not of ours stays");
    }

    /**
     * The security review's race: a sweep checks that a stale name is a folder, then lists it by name; a folder
     * swapped for a link in between must not lead the removal elsewhere. The removal itself never follows a link.
     */
    @Test
    void removingAFolderThatIsNowALinkRemovesNothingThroughIt() throws Exception {
        Path target = folder("victim", "s0.sock", "s1.sock");
        Path swapped = Files.createSymbolicLink(tmp.resolve("mp4j-1-swapped"), target);
        SocketFolder.removeFolder(swapped);
        assertTrue(Files.exists(target.resolve("s0.sock")) && Files.exists(target.resolve("s1.sock")),
                "sockets were removed through a link");

        Path real = folder("mp4j-1-real", "s0.sock", "notes.txt");
        SocketFolder.removeFolder(real);
        assertFalse(Files.exists(real.resolve("s0.sock")), "a real folder's sockets go");
        assertTrue(Files.exists(real.resolve("notes.txt")), "what is not ours stays, and so does the folder");
    }
}
