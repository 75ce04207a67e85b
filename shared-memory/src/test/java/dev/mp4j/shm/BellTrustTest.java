package dev.mp4j.shm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The security review's finding: another local user can make a socket under the name of a process's bell before
 * that process does. A signaller of this user must never ring it (the attacker's listener would learn when this
 * tree's waiters are woken), and the process must still have a bell, under a name nobody could take first, so that
 * its waiters are still woken rather than left to poll.
 */
class BellTrustTest {
    private static long unusedPid() {
        for (long pid = 4_100_000; ; pid++) {
            if (ProcessHandle.of(pid).isEmpty() && !Files.exists(Bell.pathOf(pid))) {
                return pid;
            }
        }
    }

    @Test
    void aBellAnotherUserMadeIsNeverRung() throws IOException {
        long pid = unusedPid();
        Path bell = Bell.pathOf(pid);
        try (ServerSocketChannel planted = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            planted.bind(UnixDomainSocketAddress.of(bell));
            planted.configureBlocking(false);

            Bell.ring(pid);
            try (SocketChannel rung = planted.accept()) {
                assertNotNull(rung, "control: a bell of this user's own is rung");
            }
            Bell.forget(pid);

            giveToAnotherUser(bell);
            Bell.ring(pid);
            try (SocketChannel rung = planted.accept()) {
                assertNull(rung, "this process rang a bell another user made");
            }
        } finally {
            Files.deleteIfExists(bell);
        }
    }

    @Test
    void aSignallerFindsABellListeningUnderItsOtherNameAndNeverTheOneAnotherUserMade() throws IOException {
        long pid = unusedPid();
        Path taken = Bell.pathOf(pid);
        Path other = Bell.alternatePathOf(pid);
        try (ServerSocketChannel planted = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             ServerSocketChannel bell = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            planted.bind(UnixDomainSocketAddress.of(taken));
            planted.configureBlocking(false);
            giveToAnotherUser(taken);
            bell.bind(UnixDomainSocketAddress.of(other));
            bell.configureBlocking(false);

            Bell.ring(pid);
            try (SocketChannel rung = bell.accept()) {
                assertNotNull(rung, "the bell under its other name was not rung");
            }
            try (SocketChannel rung = planted.accept()) {
                assertNull(rung, "this process rang a bell another user made");
            }
        } finally {
            Bell.forget(pid);
            Files.deleteIfExists(taken);
            Files.deleteIfExists(other);
        }
    }

    @Test
    void aProcessWhoseBellsNameAnotherUserTookListensUnderAnotherAndIsWoken() throws Exception {
        dev.mp4j.Event e = SharedObjects.event();
        // its waiter looks on its own only every ten minutes: woken within seconds, it was rung
        try (Child sleeper = Child.inTreeWith(List.of("-Dmp4j.shm.livenessCheckMillis=600000"), "event-await-on-cue",
                TestSupport.toBase64(e))) {
            sleeper.expect("READY", Duration.ofSeconds(20));
            Path taken = Bell.pathOf(sleeper.pid());
            try (ServerSocketChannel planted = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                planted.bind(UnixDomainSocketAddress.of(taken)); // before the child's first wait: it has none yet
                giveToAnotherUser(taken);
                sleeper.send("wait");
                // past its poll stage the waiter sleeps on a bell: one of its own, under another name
                TestSupport.awaitTrue(() -> !otherBellsOf(sleeper.pid()).isEmpty(), Duration.ofSeconds(10),
                        "a bell of the child's under another name");
                e.set();
                assertEquals("AWAKE true", sleeper.nextLine(Duration.ofSeconds(30)), "the child was not rung");
                assertEquals(0, sleeper.waitExit(Duration.ofSeconds(20)));
                assertEquals(List.of(), otherBellsOf(sleeper.pid()), "a JVM that ends removes its bell");
            } finally {
                Files.deleteIfExists(taken);
            }
        }
    }

    private static void giveToAnotherUser(Path file) {
        try {
            Files.setAttribute(file, "unix:uid", 65534);
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "only root can give a socket to another user here: " + e);
        }
    }

    private static List<Path> otherBellsOf(long pid) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(ShmDirectory.dir(), "mp4j-bell-" + pid + "-*")) {
            ds.forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
