package dev.mp4j.tck;

import dev.mp4j.AuthenticationException;
import dev.mp4j.Connection;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.Connections;
import dev.mp4j.Listener;
import dev.mp4j.MessageTooLongException;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.Queue;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Listener and Client ({@code Context.listen}, {@code Context.connect}) across real processes, over Unix domain
 * sockets and TCP: Python's {@code multiprocessing.connection}.
 */
public abstract class ListenerContract extends TransportContract {
    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static String unixAddress() throws Exception {
        Path dir = Files.createTempDirectory("mp4j-test-listener");
        dir.toFile().deleteOnExit();
        return "unix:" + dir.resolve("socket");
    }

    private void echoes(String address) throws Exception {
        byte[] key = key();
        try (Listener listener = mp().listen(address, key)) {
            String where = listener.address();
            Process p = mp().process(() -> {
                try (Connection c = Multiprocessing.context().connect(where, key)) {
                    while (true) {
                        c.sendBytes(c.recvBytes());
                    }
                } catch (ConnectionClosedException endOfStream) {
                    // the listener's side closed: done
                }
            }).start();
            try (Connection c = listener.accept()) {
                c.send("hello");
                assertEquals("hello", c.recv());
                c.send(List.of(1, 2, 3));
                assertEquals(List.of(1, 2, 3), c.recv());
                byte[] big = new byte[16 << 20];
                big[big.length - 1] = 7;
                c.sendBytes(big);
                assertArrayEquals(big, c.recvBytes());
            }
            assertTrue(p.join(Duration.ofSeconds(60)));
            assertEquals(0, p.exitCode().orElse(-1));
        }
    }

    @Test
    void aClientEchoesOverAUnixSocket() throws Exception {
        String address = unixAddress();
        echoes(address);
        assertFalse(Files.exists(Path.of(address.substring("unix:".length()))), "close removes the socket file");
    }

    @Test
    void aClientEchoesOverTcp() throws Exception {
        echoes("tcp://127.0.0.1:0");
    }

    @Test
    void aUnixSocketIsThisUsersOnlyAndTcpBindsOnlyTheAddressAskedFor() throws Exception {
        String address = unixAddress();
        try (Listener l = mp().listen(address, key())) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(Path.of(address.substring("unix:".length()))));
        }
        try (Listener l = mp().listen("tcp://127.0.0.1:0", key())) {
            assertTrue(l.address().matches("tcp://127\\.0\\.0\\.1:[1-9][0-9]*"), l.address());
        }
    }

    @Test
    void aWrongKeyIsRefusedAndTheListenerGoesOn() throws Exception {
        byte[] key = key();
        byte[] wrong = key.clone();
        wrong[31] ^= 1;
        try (Listener listener = mp().listen("tcp://127.0.0.1:0", key)) {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> mp().connect(listener.address(), wrong));
            assertTrue(e.getMessage().contains("authkey"), e.getMessage());
            try (Connection client = mp().connect(listener.address(), key); Connection server = listener.accept()) {
                client.send("after");
                assertEquals("after", server.recv());
            }
        }
    }

    @Test
    void theDeathOfAPeerIsTheEndOfTheStreamAfterItsMessages() throws Exception {
        byte[] key = key();
        try (Listener listener = mp().listen(unixAddress(), key)) {
            String where = listener.address();
            Process p = mp().process(() -> {
                Connection c = Multiprocessing.context().connect(where, key);
                c.send("last words");
                c.recv();
            }).start();
            try (Connection c = listener.accept()) {
                assertEquals("last words", c.recv());
                p.kill();
                assertThrows(ConnectionClosedException.class, c::recv);
                assertTrue(c.poll(), "end of stream is ready");
            }
            p.join();
        }
    }

    @Test
    void waitAnyWatchesAcceptedConnections() throws Exception {
        byte[] key = key();
        try (Listener listener = mp().listen("tcp://127.0.0.1:0", key);
             Connection a = mp().connect(listener.address(), key); Connection sa = listener.accept();
             Connection b = mp().connect(listener.address(), key); Connection sb = listener.accept()) {
            assertEquals(List.of(), Connections.waitAny(List.of(sa, sb), Duration.ofMillis(50)));
            b.send("b");
            assertEquals(List.of(sb), Connections.waitAny(List.of(sa, sb), Duration.ofSeconds(10)));
            assertEquals("b", sb.recv());
            a.close();
            assertEquals(List.of(sa), Connections.waitAny(List.of(sa, sb), Duration.ofSeconds(10)));
        }
    }

    @Test
    void aMessageTooLongStaysUnread() throws Exception {
        byte[] key = key();
        try (Listener listener = mp().listen("tcp://127.0.0.1:0", key);
             Connection client = mp().connect(listener.address(), key); Connection server = listener.accept()) {
            client.sendBytes(new byte[100]);
            assertThrows(MessageTooLongException.class, () -> server.recvBytes(10));
            assertEquals(100, server.recvBytes(100).length);
            byte[] room = new byte[8];
            client.sendBytes(new byte[] {1, 2, 3});
            assertEquals(3, server.recvBytesInto(room, 2));
            assertArrayEquals(new byte[] {0, 0, 1, 2, 3, 0, 0, 0}, room);
        }
    }

    @Test
    void aClosedListenerRefusesAndWakesItsAcceptor() throws Exception {
        Listener listener = mp().listen("tcp://127.0.0.1:0", key());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                listener.accept();
            } catch (Throwable e) {
                thrown.set(e);
            }
            done.countDown();
        });
        t.start();
        Thread.sleep(100);
        listener.close();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, thrown.get());
        assertThrows(IllegalStateException.class, listener::accept);
        listener.close();
    }

    @Test
    void anAcceptedConnectionCannotBeSentToAnotherProcess() throws Exception {
        byte[] key = key();
        Queue<Object> q = mp().queue();
        try (Listener listener = mp().listen("tcp://127.0.0.1:0", key);
             Connection client = mp().connect(listener.address(), key); Connection server = listener.accept()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.put(server));
            assertTrue(e.getMessage().contains("connect there"), e.getMessage());
            client.send("still fine");
            assertEquals("still fine", server.recv());
        }
    }

    @Test
    void malformedAddressesAndEmptyKeysAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mp().listen("127.0.0.1:5000", key()));
        assertTrue(e.getMessage().contains("tcp://HOST:PORT"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> mp().listen("tcp://127.0.0.1:0", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> mp().connect("tcp://127.0.0.1:99999", key()));
    }
}
