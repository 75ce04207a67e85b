package dev.mp4j.core.pipe;

import dev.mp4j.Connection;
import dev.mp4j.Listener;
import dev.mp4j.core.net.FramedChannel;
import dev.mp4j.core.net.SocketServer;
import dev.mp4j.core.net.Sockets;

import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;

/** {@link dev.mp4j.Context#listen} and {@link dev.mp4j.Context#connect}: connections over sockets. */
public final class SocketConnections {
    private SocketConnections() {}

    /** As {@link dev.mp4j.Context#listen(String, byte[])}. */
    public static Listener listen(String address, byte[] authkey) {
        Objects.requireNonNull(address, "address");
        checkKey(authkey);
        return new SocketListener(address, authkey.clone());
    }

    /** As {@link dev.mp4j.Context#connect(String, byte[])}. */
    public static Connection connect(String address, byte[] authkey) {
        Objects.requireNonNull(address, "address");
        checkKey(authkey);
        return new ConnectionImpl(new SocketEnd(Sockets.connect(address, authkey)), 0, true);
    }

    private static void checkKey(byte[] authkey) {
        Objects.requireNonNull(authkey, "authkey");
        if (authkey.length == 0) {
            throw new IllegalArgumentException("an authkey must not be empty; 32 random bytes are a good key");
        }
    }

    private static final class SocketListener implements Listener {
        private static final Object CLOSED = new Object();
        private final LinkedBlockingQueue<Object> accepted = new LinkedBlockingQueue<>();
        private final SocketServer server;
        private volatile boolean closed;

        SocketListener(String address, byte[] authkey) {
            server = SocketServer.listen(address, authkey, ch -> {
                if (closed) {
                    ch.close();
                } else {
                    accepted.add(ch);
                }
            }, "mp4j-listener");
        }

        @Override
        public Connection accept() throws InterruptedException {
            if (closed) {
                throw new IllegalStateException("this Listener is closed");
            }
            Object next = accepted.take();
            if (next == CLOSED) {
                accepted.add(CLOSED);
                throw new IllegalStateException("this Listener was closed while waiting to accept");
            }
            return new ConnectionImpl(new SocketEnd((FramedChannel) next), 0, true);
        }

        @Override
        public String address() {
            return server.address();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                server.close();
                for (Object pending; (pending = accepted.poll()) != null; ) {
                    ((FramedChannel) pending).close();
                }
                accepted.add(CLOSED);
            }
        }

        @Override
        public String toString() {
            return "Listener[" + address() + (closed ? ", closed" : "") + "]";
        }
    }
}
