package dev.mp4j.examples;

import dev.mp4j.Connection;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.Context;
import dev.mp4j.Listener;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;

import java.security.SecureRandom;
import java.util.List;

/**
 * A {@link Listener} accepts a client process and echoes what it sends, until the client closes.
 *
 * <p>In Python:
 * <pre>{@code
 * from multiprocessing.connection import Listener, Client
 *
 * def client(address, key):
 *     with Client(address, authkey=key) as conn:
 *         for msg in ['hello', [1, 2, 3]]:
 *             conn.send(msg)
 *             print('echoed', conn.recv())
 *
 * if __name__ == '__main__':
 *     key = os.urandom(32)
 *     with Listener(('127.0.0.1', 0), authkey=key) as listener:
 *         p = Process(target=client, args=(listener.address, key)); p.start()
 *         with listener.accept() as conn:
 *             try:
 *                 while True:
 *                     conn.send(conn.recv())
 *             except EOFError:
 *                 pass
 *         p.join()
 * }</pre>
 *
 * <p>Demonstrates:
 * <ul>
 *   <li>{@code Listener(address, authkey=key)} is {@link Context#listen}, {@code Client(...)} is
 *       {@link Context#connect}: the same {@link Connection} as a pipe's end;</li>
 *   <li>{@code EOFError} is {@link ConnectionClosedException}: the client closed its end;</li>
 *   <li>a key, not an open port, decides who gets in: every connection starts with an HMAC challenge.</li>
 * </ul>
 */
public final class ListenerClientEcho {
    private ListenerClientEcho() {}

    static void client(String address, byte[] key) throws InterruptedException {
        try (Connection conn = Multiprocessing.context().connect(address, key)) {
            for (Object msg : List.of("hello", List.of(1, 2, 3))) {
                conn.send(msg);
                System.out.println("echoed " + conn.recv());
            }
        }
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        Context mp = Multiprocessing.context();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try (Listener listener = mp.listen("tcp://127.0.0.1:0", key)) {
            String address = listener.address();
            Process p = mp.process(() -> client(address, key)).start();
            try (Connection conn = listener.accept()) {
                while (true) {
                    conn.send(conn.recv());
                }
            } catch (ConnectionClosedException clientClosed) {
                // the client is done
            }
            p.join();
            if (p.exitCode().orElse(-1) != 0) {
                throw new IllegalStateException(p + " failed");
            }
        }
    }
}
