package dev.mp4j.transport.netty;

import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import dev.mp4j.spi.FrameServer;
import dev.mp4j.spi.Transport;

import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.DataOutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Security review finding 2: before the runtime has authenticated a peer, a netty link takes frames of at most
 * {@link FrameLink#PRE_AUTH_FRAME_BYTES} bytes. A stranger that announces a large frame is cut off at its length
 * field, before this process allocates for it (before the fix the decoder waited for, and buffered, up to 1 GiB);
 * once {@link FrameLink#authenticated()} was called, large frames pass.
 */
class PreAuthenticationFrameCapTest {
    private Transport transport;
    private FrameServer server;
    private final CompletableFuture<Throwable> serverClosed = new CompletableFuture<>();
    private final LinkedBlockingQueue<Integer> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void listen() throws Exception {
        transport = new NettyTcpTransportProvider().open();
        server = transport.listen(link -> new FrameHandler() {
            @Override
            public void onFrame(FrameLink l, ByteBuffer frame) {
                if (frame.remaining() == 4 && frame.getInt(frame.position()) == 0x0A0711ED) {
                    l.authenticated(); // what the runtime does once the peer proved itself
                }
                received.add(frame.remaining());
            }

            @Override
            public void onClose(FrameLink l, Throwable cause) {
                serverClosed.complete(cause);
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        server.close();
        transport.close();
    }

    private Socket rawSocket() throws Exception {
        String[] hostPort = server.address().substring("tcp:".length()).split(":");
        return new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
    }

    @Test
    void aStrangerAnnouncingALargeFrameIsCutOffAtItsLengthField() throws Exception {
        try (Socket s = rawSocket()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(100 << 20);
            out.write(new byte[1000]);
            out.flush();
            Throwable cause = serverClosed.get(30, TimeUnit.SECONDS);
            assertInstanceOf(TooLongFrameException.class, cause);
            assertTrue(cause.getMessage().contains("before the peer was authenticated"), cause.getMessage());
            try {
                assertEquals(-1, s.getInputStream().read(), "the server closed the connection");
            } catch (SocketException reset) {
                // closed with the stranger's bytes still unread: TCP tells of that close with a reset, not an end
                assertTrue(reset.getMessage().contains("reset"), reset.toString());
            }
        }
        assertTrue(received.isEmpty(), "nothing was delivered: " + received);
    }

    @Test
    void aSmallFrameBeforeAuthenticationAndALargeOneAfterBothPass() throws Exception {
        CompletableFuture<Throwable> clientClosed = new CompletableFuture<>();
        FrameLink client = transport.connect(server.address(), new FrameHandler() {
            @Override
            public void onFrame(FrameLink l, ByteBuffer frame) {
            }

            @Override
            public void onClose(FrameLink l, Throwable cause) {
                clientClosed.complete(cause);
            }
        });
        try {
            assertTrue(client.send(ByteBuffer.allocate(FrameLink.PRE_AUTH_FRAME_BYTES)));
            assertEquals(FrameLink.PRE_AUTH_FRAME_BYTES, received.poll(30, TimeUnit.SECONDS));
            assertTrue(client.send(ByteBuffer.allocate(4).putInt(0, 0x0A0711ED)));
            assertEquals(4, received.poll(30, TimeUnit.SECONDS));
            assertTrue(client.send(ByteBuffer.allocate(1 << 20)));
            Integer big = received.poll(30, TimeUnit.SECONDS);
            assertNotNull(big, "a large frame after authentication must arrive");
            assertEquals(1 << 20, big);
        } finally {
            client.close();
        }
        assertEquals(null, clientClosed.get(30, TimeUnit.SECONDS));
    }
}
