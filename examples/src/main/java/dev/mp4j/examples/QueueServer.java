package dev.mp4j.examples;

import dev.mp4j.Manager;
import dev.mp4j.ManagerOptions;
import dev.mp4j.Managers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One program serves a queue on a TCP port; another program ({@link QueueFeeder}), started on its own, connects
 * with the address and the key and puts items into it.
 *
 * <p>In Python (two programs):
 * <pre>{@code
 * # server.py
 * from multiprocessing.managers import BaseManager
 * from queue import Queue
 * queue = Queue()
 * class QueueManager(BaseManager): pass
 * QueueManager.register('get_queue', callable=lambda: queue)
 * m = QueueManager(address=('127.0.0.1', 50000), authkey=b'abracadabra')
 * m.get_server().serve_forever()
 *
 * # feeder.py
 * from multiprocessing.managers import BaseManager
 * class QueueManager(BaseManager): pass
 * QueueManager.register('get_queue')
 * m = QueueManager(address=('127.0.0.1', 50000), authkey=b'abracadabra')
 * m.connect()
 * queue = m.get_queue()
 * queue.put('hello')
 * }</pre>
 *
 * <p>Demonstrates:
 * <ul>
 *   <li>{@code get_server().serve_forever()} is {@link Managers#serve}, which serves on threads of its own and
 *       returns; {@code register('get_queue', ...)} is {@link ManagerOptions#expose};</li>
 *   <li>{@code m.connect()} then {@code m.get_queue()} is {@link Managers#connect} then
 *       {@link Manager#get(String, Class)}, from any JVM: the feeder is a plain {@code java} command, not a child of
 *       this program;</li>
 *   <li>an exposed object lives in the serving JVM: here a {@link LinkedBlockingQueue} that this program drains
 *       directly, while the feeder reaches it through a proxy of any interface it implements, here the JDK's
 *       {@link java.util.concurrent.BlockingQueue};</li>
 *   <li>the key is agreed out of band, as Python's {@code authkey=b'abracadabra'}: use 32 random bytes in real
 *       programs, and never a key in source code.</li>
 * </ul>
 */
public final class QueueServer {
    static final byte[] KEY = "abracadabra, change me".getBytes(StandardCharsets.UTF_8);

    private QueueServer() {}

    /**
     * Serves, starts the feeder as a separate program, and prints what it put.
     *
     * @param args ignored
     * @throws Exception if the feeder could not be started or failed
     */
    public static void main(String[] args) throws Exception {
        LinkedBlockingQueue<String> jobs = new LinkedBlockingQueue<>();
        try (Manager server = Managers.serve(ManagerOptions.create()
                .address("tcp://127.0.0.1:0").authkey(KEY).expose("jobs", jobs))) {
            System.out.println("serving at " + server.address());

            // The other program: in real life someone runs it by hand, on this host or another.
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), QueueFeeder.class.getName(), server.address()));
            java.lang.Process feeder = new ProcessBuilder(cmd).inheritIO().start();
            if (feeder.waitFor() != 0) {
                throw new IllegalStateException("the feeder failed with exit status " + feeder.exitValue());
            }

            List<String> got = new ArrayList<>();
            jobs.drainTo(got);
            System.out.println("the feeder put " + got);
            if (got.size() != 3) {
                throw new IllegalStateException("expected 3 items from the feeder, got " + got);
            }
        }
    }
}
