package dev.mp4j.examples;

import dev.mp4j.Connection;
import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Pipe;
import dev.mp4j.Process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child starts a daemon grandchild that sleeps forever; when the child exits, the daemon goes with it.
 *
 * <p>In Python:
 * <pre>{@code
 * import multiprocessing as mp
 * import os, time
 *
 * def sleeper():
 *     time.sleep(3600)
 *
 * def child(conn):
 *     d = mp.Process(target=sleeper, daemon=True)
 *     d.start()
 *     print('child: started a daemon, pid', d.pid)
 *     conn.send(d.pid)
 *     conn.recv()             # wait for the parent's word, then return:
 *                             # at exit, a process terminates its daemonic children
 *
 * if __name__ == '__main__':
 *     parent_conn, child_conn = mp.Pipe()
 *     p = mp.Process(target=child, args=(child_conn,))
 *     p.start()
 *     pid = parent_conn.recv()
 *     print('daemon alive:', os.path.exists(f'/proc/{pid}'))
 *     parent_conn.send('exit')
 *     p.join()
 *     print('daemon alive:', os.path.exists(f'/proc/{pid}'))
 * }</pre>
 *
 * <p>Demonstrates {@link Process#daemon(boolean)}: when a process exits, it terminates its daemon children
 * (and joins the others), so a forgotten background helper does not outlive it. Also: a child may start
 * children of its own ({@code Multiprocessing.context()} in the child is the parent's transport), and a
 * duplex {@link Pipe} carries messages both ways.
 *
 * <p>The parent looks the daemon up by pid with {@link ProcessHandle} and reads its state from
 * {@code /proc/<pid>/stat}: {@code ProcessHandle.isAlive()} is true of a zombie (ended, not yet reaped), so a
 * process counts as running only if it exists and its state is not {@code Z}.
 */
public final class DaemonDiesWithParent {
    private DaemonDiesWithParent() {}

    static void sleeper() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }

    static void child(Connection conn) throws InterruptedException {
        Process d = Multiprocessing.context().process(DaemonDiesWithParent::sleeper).name("sleeper").daemon(true).start();
        System.out.println("child: started a daemon, pid " + d.pid());
        conn.send(d.pid());
        conn.recv();
    }

    /** @return "running (state S)", "a zombie", or "gone" */
    static String state(long pid) {
        if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
            return "gone";
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);    // "pid (comm) S ..."
            return state == 'Z' ? "a zombie" : "running (state " + state + ")";
        } catch (IOException | IndexOutOfBoundsException e) {
            return "gone";
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
        Pipe pipe = mp.pipe();
        Connection parentConn = pipe.left();
        Connection childConn = pipe.right();
        Process p = mp.process(() -> child(childConn)).start();
        childConn.close();

        long pid = parentConn.<Long>recv();
        String before = state(pid);
        System.out.println("parent: daemon " + pid + " is " + before);
        parentConn.send("exit");
        p.join();
        String after = state(pid);
        System.out.println("parent: child exited with code " + p.exitCode().orElseThrow()
                + "; daemon " + pid + " is " + after);
        parentConn.close();

        if (!before.startsWith("running") || !after.equals("gone") || p.exitCode().orElseThrow() != 0) {
            throw new IllegalStateException("expected the daemon running, then gone after a clean exit of the child");
        }
    }
}
