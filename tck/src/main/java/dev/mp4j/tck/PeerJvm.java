package dev.mp4j.tck;

import dev.mp4j.Multiprocessing;
import dev.mp4j.runtime.Transports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A plain JVM that a contract test starts to play the other side: the test's own {@code java} binary and class path,
 * the JVM flags the transport's children need, the test JVM's {@code mp4j.*} system properties (a child inherits
 * them, so a peer does too), and one of the tck's main classes. It is not a child of any process tree: it holds no
 * authkey but the one its own runtime makes up.
 *
 * <p>Its stdout and stderr are drained into {@link #output()} (a JVM may log to stdout, so neither is a control
 * channel on its own); the peer's main classes report on stderr, in lines that start with {@value #REPORT}.
 * {@link #close()} kills the JVM if it still runs and waits for it: whatever a test starts, it stops.
 */
final class PeerJvm implements AutoCloseable {
    /** How the tck's main classes start the lines they mean for the test. */
    static final String REPORT = "mp4j-tck: ";
    /** The property through which a JVM joins its parent's shared-memory tree (see the shared-memory module). */
    private static final String SHM_TREE = "mp4j.shm.tree";

    private final java.lang.Process process;
    private final StringBuffer output = new StringBuffer();
    private final List<Thread> drains = new ArrayList<>();

    private PeerJvm(java.lang.Process process) {
        this.process = process;
        drains.add(drain(process.getInputStream(), "stdout"));
        drains.add(drain(process.getErrorStream(), "stderr"));
    }

    /**
     * Starts {@code mainClass} in a new JVM.
     *
     * @param transport the transport whose {@link dev.mp4j.spi.TransportProvider#childJvmArgs()} the JVM gets
     */
    static PeerJvm start(String transport, Class<?> mainClass, List<String> args) throws IOException {
        return start(transport, mainClass, args, false);
    }

    /**
     * Starts {@code mainClass} in a new JVM that is the root of a process tree of its own: it does not join the
     * shared-memory tree of this JVM, so what it makes is its own to clean up when it ends.
     */
    static PeerJvm startRoot(String transport, Class<?> mainClass, List<String> args) throws IOException {
        return start(transport, mainClass, args, true);
    }

    private static PeerJvm start(String transport, Class<?> mainClass, List<String> args, boolean root)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> transportFlags = Multiprocessing.THREADS.equals(transport) ? List.of()
                : Transports.provider(transport).childJvmArgs();
        cmd.addAll(transportFlags);
        // Few GC threads: a peer is small, and the machine running the suite may have two cores for everything.
        // Unless the transport picks a collector itself: a JVM refuses two.
        if (transportFlags.stream().noneMatch(f -> f.startsWith("-XX:+Use") && f.endsWith("GC"))) {
            cmd.add("-XX:+UseSerialGC");
        }
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            if (e.getKey() instanceof String key && key.startsWith("mp4j.") && !(root && key.equals(SHM_TREE))) {
                cmd.add("-D" + key + "=" + e.getValue());
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE);
        return new PeerJvm(builder.start());
    }

    private Thread drain(InputStream in, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (output) {
                        output.append(name).append("> ").append(line).append('\n');
                        output.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process is gone: what it wrote up to now is all there is.
            }
        }, "mp4j-tck-peer-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    long pid() {
        return process.pid();
    }

    /** @return everything the JVM printed so far, each line prefixed with the stream it came on */
    String output() {
        return output.toString();
    }

    /**
     * Waits for a report line that starts with {@code REPORT + what}.
     *
     * @return the rest of that line
     */
    String awaitReport(String what, Duration timeout) throws InterruptedException {
        String marker = "stderr> " + REPORT + what;
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (true) {
                int at = output.indexOf(marker);
                if (at >= 0) {
                    int end = output.indexOf("\n", at);
                    return output.substring(at + marker.length(), end < 0 ? output.length() : end);
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || (!process.isAlive() && drainsDone())) {
                    fail("the peer did not report '" + REPORT + what + "' within " + timeout.toSeconds() + " s"
                            + (process.isAlive() ? "" : " (it ended with exit code " + process.exitValue() + ")")
                            + "; it printed:\n" + output);
                }
                output.wait(Math.min(left, 100));
            }
        }
    }

    private boolean drainsDone() {
        return drains.stream().noneMatch(Thread::isAlive);
    }

    /**
     * Waits for the JVM to end of its own accord; kills it and fails if it does not within the timeout.
     *
     * @return its exit code
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            fail("the peer did not end within " + timeout.toSeconds() + " s; it printed:\n" + output);
        }
        joinDrains();
        return process.exitValue();
    }

    /** Kills the JVM (SIGKILL) and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            fail("the peer (pid " + process.pid() + ") survived SIGKILL for a minute");
        }
    }

    private void joinDrains() throws InterruptedException {
        // The pipes end with the process, unless a grandchild holds them; do not wait on that forever.
        for (Thread t : drains) {
            t.join(5_000);
        }
    }

    /** Kills the JVM if it still runs, and waits for it. Idempotent. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        joinDrains();
    }
}
