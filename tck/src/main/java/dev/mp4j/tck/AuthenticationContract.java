package dev.mp4j.tck;

import dev.mp4j.Queue;
import dev.mp4j.runtime.Token;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every link starts with an HMAC challenge both ways. A process that does not hold the tree's authkey is refused
 * with {@link dev.mp4j.AuthenticationException}, nothing it sends takes effect, and the refusing process goes on
 * serving the tree.
 *
 * <p>The intruder is an {@link Intruder}: a plain JVM the test starts, not a child, so it has an authkey of its own.
 * It either uses a queue of the tree as a member would (the test hands it the serialized queue through a file only
 * this user can read), or speaks raw frames to the queue owner's server through the transport's SPI.
 */
public abstract class AuthenticationContract extends TransportContract {
    /** How long the test waits for an intruder or a child. Generous: the machine may be loaded. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void aProcessWithTheWrongAuthkeyIsRefusedAndTheServerStaysUp() throws Exception {
        ServedObjects.assumeQueuesAreServedOverLinks(transport());
        Queue<String> q = mp().queue();
        Path folder = privateFolder();
        try {
            Path file = privateFile(folder.resolve("queue.ser"));
            try (OutputStream out = Files.newOutputStream(file); ObjectOutputStream objects = new ObjectOutputStream(out)) {
                objects.writeObject(q);
            }
            try (PeerJvm intruder = PeerJvm.start(transport(), Intruder.class, List.of("queue", file.toString()))) {
                int status = intruder.awaitExit(PATIENCE);
                String output = intruder.output();
                assertEquals(Intruder.REFUSED, status, output);
                assertTrue(output.contains("dev.mp4j.AuthenticationException"), output);
            }
        } finally {
            deleteTree(folder);
        }
        assertNull(q.poll(Duration.ofMillis(500)), "the intruder's item must not arrive");

        run(mp().process(() -> q.put("a member of the tree")));
        assertEquals("a member of the tree", q.poll(PATIENCE));
    }

    @Test
    void aStrangerSendingGarbageFramesIsCutOffAndTheServerStaysUp() throws Exception {
        aStrangerIsCutOff("garbage");
    }

    @Test
    void aStrangerSendingA16MiBFrameIsCutOffAndTheServerStaysUp() throws Exception {
        aStrangerIsCutOff("large");
    }

    /**
     * An intruder connects to the server of the process that owns a queue (the address in the queue's
     * {@link Token}) and sends {@code kind} frames without any handshake: the server must close that link, and go on
     * serving the tree.
     */
    private void aStrangerIsCutOff(String kind) throws Exception {
        ServedObjects.assumeQueuesAreServedOverLinks(transport());
        Queue<String> q = mp().queue();
        Token token = ServedObjects.tokenOf(q, transport());
        assertTrue(token != null, "a Queue must serialize as a dev.mp4j.runtime.Token of its transport");
        try (PeerJvm intruder = PeerJvm.start(transport(), Intruder.class,
                List.of("raw", transport(), token.owner(), kind))) {
            int status = intruder.awaitExit(PATIENCE);
            assertEquals(Intruder.REFUSED, status, intruder.output());
        }

        q.put("the owner itself");
        assertEquals("the owner itself", q.poll(PATIENCE));
        run(mp().process(() -> q.put("a member of the tree")));
        assertEquals("a member of the tree", q.poll(PATIENCE));
    }

    /** @return a new temporary folder only this user can open (on a file system with POSIX permissions) */
    private static Path privateFolder() throws IOException {
        return posix()
                ? Files.createTempDirectory("mp4j-tck-", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")))
                // Without POSIX permissions (Windows) the user's own temporary folder is private already.
                : Files.createTempDirectory("mp4j-tck-");
    }

    /** @return the file, created empty, readable and writable by this user only */
    private static Path privateFile(Path file) throws IOException {
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        return Files.createFile(file, attributes);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
