package dev.mp4j.shm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The security review's finding: another local user can make a socket under the name of a process's bell before
 * that process does. A signaller of this user must then ring nobody: the attacker's listener would learn when this
 * tree's waiters are woken.
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

            try {
                Files.setAttribute(bell, "unix:uid", 65534);
            } catch (IOException | UnsupportedOperationException e) {
                assumeTrue(false, "only root can give a socket to another user here: " + e);
            }
            Bell.ring(pid);
            try (SocketChannel rung = planted.accept()) {
                assertNull(rung, "this process rang a bell another user made");
            }
        } finally {
            Files.deleteIfExists(bell);
        }
    }
}
