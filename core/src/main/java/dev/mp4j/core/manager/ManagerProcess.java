package dev.mp4j.core.manager;

import dev.mp4j.Connection;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.Context;
import dev.mp4j.Manager;
import dev.mp4j.ManagerOptions;
import dev.mp4j.MpException;
import dev.mp4j.Pipe;
import dev.mp4j.Process;
import dev.mp4j.Task;
import dev.mp4j.core.net.SocketServer;
import dev.mp4j.core.process.ProcessTree;

import java.io.Serial;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Context#manager()}: a daemon child that serves a manager on a private Unix domain socket under the
 * tree's authkey, tells its parent the address over a one-way pipe, and exits when the manager is shut down.
 */
public final class ManagerProcess implements Task {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Duration READY = Duration.ofSeconds(60);
    private final Connection ready;

    private ManagerProcess(Connection ready) {
        this.ready = ready;
    }

    /** Starts a manager process of {@code context} and returns once it serves. */
    public static Manager start(Context context) {
        Pipe pipe = context.pipe(false);
        Process p = context.process(new ManagerProcess(pipe.right())).name("SyncManager-" + COUNT.incrementAndGet())
                .daemon(true).start();
        pipe.right().close();
        String address;
        try (Connection in = pipe.left()) {
            long deadline = System.nanoTime() + READY.toNanos();
            while (!in.poll(Duration.ofMillis(50))) {
                if (!p.isAlive() || System.nanoTime() - deadline > 0) {
                    throw notServing(p);
                }
            }
            try {
                address = in.recv();
            } catch (ConnectionClosedException exitedFirst) {
                p.join(Duration.ofSeconds(5));
                throw notServing(p);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.kill();
            throw new MpException("interrupted while the manager process was starting", e);
        }
        return ManagerImpl.started(address, () -> {
            try {
                if (!p.join(Duration.ofSeconds(5))) {
                    p.terminate();
                    p.join(Duration.ofSeconds(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!p.isAlive()) {
                SocketServer.removeLeftovers(address);
            }
        });
    }

    private static MpException notServing(Process p) {
        p.kill();
        return new MpException("the manager process " + p.name() + " did not start serving"
                + (p.exitCode().isPresent() ? ": it exited with code " + p.exitCode().getAsInt()
                        + " (its stderr says why)" : " within " + READY.toSeconds() + " s"));
    }

    @Override
    public void run() throws Exception {
        ManagerServer server = ManagerServer.start(ManagerOptions.create(), ProcessTree.get().authkey());
        try {
            ready.send(server.address());
            ready.close();
            server.awaitShutdown();
        } finally {
            server.shutdown();
        }
    }
}
