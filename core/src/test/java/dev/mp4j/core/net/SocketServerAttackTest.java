package dev.mp4j.core.net;

import dev.mp4j.AuthenticationException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an attacker who can reach the port, but holds no key, can do to a {@link SocketServer}: the challenge
 * cannot be reflected back at the server, and before it is passed the attacker can make the server hold only a
 * few hundred bytes, for at most five seconds, on at most {@link SocketServer#MAX_UNAUTHENTICATED} connections.
 */
class SocketServerAttackTest {
    private final byte[] key = new byte[32];
    private final LinkedBlockingQueue<FramedChannel> accepted = new LinkedBlockingQueue<>();
    private SocketServer server;
    private InetSocketAddress where;

    @BeforeEach
    void listen() {
        new SecureRandom().nextBytes(key);
        server = SocketServer.listen("tcp://127.0.0.1:0", key, accepted::add, "attack-test");
        String a = server.address();
        where = new InetSocketAddress("127.0.0.1", Integer.parseInt(a.substring(a.lastIndexOf(':') + 1)));
    }

    @AfterEach
    void close() {
        server.close();
        accepted.forEach(FramedChannel::close);
    }

    private Socket raw() throws IOException {
        Socket s = new Socket();
        s.connect(where, 2000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static void frame(DataOutputStream out, byte[]... parts) throws IOException {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        out.writeInt(n);
        for (byte[] p : parts) {
            out.write(p);
        }
        out.flush();
    }

    private static byte[] frame(DataInputStream in) throws IOException {
        byte[] f = new byte[in.readInt()];
        in.readFully(f);
        return f;
    }

    /** @return whether the server closed the socket (end of stream or reset) */
    private static boolean closedByServer(Socket s) {
        try {
            return s.getInputStream().read() < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void theServersOwnAnswerCannotBeReflectedBackAsTheClientsProof() throws Exception {
        byte[] hello = "mp4j/1".getBytes(StandardCharsets.US_ASCII);
        byte[] cn = new byte[32];
        try (Socket first = raw(); Socket second = raw()) {
            DataOutputStream out1 = new DataOutputStream(first.getOutputStream());
            DataInputStream in1 = new DataInputStream(first.getInputStream());
            frame(out1, hello, cn);
            byte[] answer1 = frame(in1);
            byte[] sn = Arrays.copyOf(answer1, 32);
            // open a second connection whose nonce is the server's first nonce, hoping for the MAC over (sn, cn)
            DataOutputStream out2 = new DataOutputStream(second.getOutputStream());
            DataInputStream in2 = new DataInputStream(second.getInputStream());
            frame(out2, hello, sn);
            byte[] answer2 = frame(in2);
            byte[] reflected = Arrays.copyOfRange(answer2, 32, 64);
            frame(out1, reflected);
            assertTrue(closedByServer(first), "a reflected MAC must not pass: the MACs are tagged by direction");
        }
        assertNull(accepted.poll(200, TimeUnit.MILLISECONDS), "no connection got in");
    }

    @Test
    void aClientIsAcceptedOnlyWithTheKey() {
        byte[] wrong = key.clone();
        wrong[0] ^= 1;
        assertThrows(AuthenticationException.class, () -> Sockets.connect(server.address(), wrong));
        FramedChannel ch = Sockets.connect(server.address(), key);
        ch.close();
    }

    @Test
    void aHugeFrameBeforeAuthenticationClosesTheConnectionAtOnce() throws Exception {
        try (Socket s = raw()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(1 << 30);
            out.flush();
            long start = System.nanoTime();
            assertTrue(closedByServer(s));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "closed at once, nothing allocated");
        }
    }

    @Test
    void aSilentClientIsDroppedAfterTheHandshakeDeadline() throws Exception {
        try (Socket s = raw()) {
            long start = System.nanoTime();
            assertTrue(closedByServer(s));
            long took = System.nanoTime() - start;
            assertTrue(took > TimeUnit.SECONDS.toNanos(4) && took < TimeUnit.SECONDS.toNanos(9),
                    "dropped after the five-second deadline, not " + took / 1_000_000 + " ms");
        }
    }

    @Test
    void unauthenticatedConnectionsAreCappedAndTheServerStillServes() throws Exception {
        List<Socket> crowd = new ArrayList<>();
        try {
            for (int i = 0; i < SocketServer.MAX_UNAUTHENTICATED + 10; i++) {
                crowd.add(raw());
            }
            int closedAtOnce = 0;
            for (Socket s : crowd) {
                s.setSoTimeout(300);
                try {
                    if (s.getInputStream().read() < 0) {
                        closedAtOnce++;
                    }
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // held in the handshake, within the cap
                } catch (IOException reset) {
                    closedAtOnce++;
                }
            }
            assertTrue(closedAtOnce >= 10, "connections over the cap are closed at once: " + closedAtOnce);
        } finally {
            for (Socket s : crowd) {
                s.close();
            }
        }
        Thread.sleep(200);
        FramedChannel ch = Sockets.connect(server.address(), key);
        assertNotNull(accepted.poll(5, TimeUnit.SECONDS));
        ch.write("after the crowd".getBytes(StandardCharsets.UTF_8));
        ch.close();
    }

    @Test
    void aFrameOverTheLimitAfterTheHandshakeIsNotRead() throws Exception {
        FramedChannel client = Sockets.connect(server.address(), key);
        FramedChannel onServer = accepted.poll(5, TimeUnit.SECONDS);
        assertNotNull(onServer);
        onServer.maxFrame(1024);
        client.write(new byte[2048]);
        IOException e = assertThrows(IOException.class, onServer::read);
        assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
        client.close();
        assertEquals(false, onServer.isOpen());
    }
}
