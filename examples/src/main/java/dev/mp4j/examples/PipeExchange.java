package dev.mp4j.examples;

import dev.mp4j.Connection;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Pipe;
import dev.mp4j.Process;

import java.util.ArrayList;
import java.util.List;

/**
 * A child sends a list through a {@link Pipe}; the parent receives and prints it.
 *
 * <p>Python's pipe example:
 * <pre>{@code
 * from multiprocessing import Process, Pipe
 *
 * def f(conn):
 *     conn.send([42, None, 'hello'])
 *     conn.close()
 *
 * if __name__ == '__main__':
 *     parent_conn, child_conn = Pipe()
 *     p = Process(target=f, args=(child_conn,))
 *     p.start()
 *     child_conn.close()
 *     print(parent_conn.recv())   # prints "[42, None, 'hello']"
 *     p.join()
 * }</pre>
 *
 * <p>Demonstrates:
 * <ul>
 *   <li>{@code Pipe()} is {@link Context#pipe()}; its two ends are {@link Pipe#left()} and {@link Pipe#right()};</li>
 *   <li>a {@link Connection} captured by a task is a copy that re-attaches in the child;</li>
 *   <li>any {@link java.io.Serializable} object goes through, {@code null} elements included (hence an
 *       {@link ArrayList}: {@code List.of} refuses {@code null});</li>
 *   <li>the idiom of closing the parent's copy of the child's end right after {@code start()}: once the
 *       child closes its copy too, the parent's next {@code recv()} sees end of stream
 *       ({@link ConnectionClosedException}, Python's {@code EOFError}) instead of waiting forever.</li>
 * </ul>
 */
public final class PipeExchange {
    private PipeExchange() {}

    static void f(Connection conn) {
        List<Object> message = new ArrayList<>();
        message.add(42);
        message.add(null);
        message.add("hello");
        conn.send(message);
        conn.close();
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        Context mp = Multiprocessing.context();
        Pipe pipe = mp.pipe();
        Connection parentConn = pipe.left();
        Connection childConn = pipe.right();
        Process p = mp.process(() -> f(childConn)).start();
        childConn.close();                       // the child has its own copy now

        List<Object> received = parentConn.recv();
        System.out.println(received);            // [42, null, hello]
        p.join();

        try {
            Object more = parentConn.recv();
            throw new IllegalStateException("expected end of stream, received " + more);
        } catch (ConnectionClosedException eof) {
            System.out.println("then end of stream: every copy of the child's end is closed");
        } finally {
            parentConn.close();
        }
        if (p.exitCode().orElse(-1) != 0) {
            throw new IllegalStateException(p + " failed");
        }
    }
}
