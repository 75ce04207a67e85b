package dev.mp4j.shm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A second JVM running {@link HolderMain}: its stdout as lines, its stderr in a file. */
final class Child implements AutoCloseable {
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Child(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process was killed
            } finally {
                lines.add(EOF);
            }
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a child in this JVM's process tree (it gets {@code -Dmp4j.shm.tree}). */
    static Child inTree(String... args) throws IOException {
        return start(true, List.of(), args);
    }

    /** As {@link #inTree}, with JVM flags of its own, such as {@code -Dmp4j.shm.…} settings. */
    static Child inTreeWith(List<String> jvmFlags, String... args) throws IOException {
        return start(true, jvmFlags, args);
    }

    /** Starts a child that is the root of a tree of its own. */
    static Child asRoot(String... args) throws IOException {
        return start(false, List.of(), args);
    }

    private static Child start(boolean inTree, List<String> jvmFlags, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        if (inTree) {
            String tree = SharedObjects.joinTree();
            assertEquals(tree, System.getProperty("mp4j.shm.tree"));
            cmd.add("-Dmp4j.shm.tree=" + tree);
        }
        String dir = System.getProperty("mp4j.shm.dir");
        if (dir != null) {
            cmd.add("-Dmp4j.shm.dir=" + dir);
        }
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(HolderMain.class.getName());
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("mp4j-child-", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        // "Picked up JAVA_TOOL_OPTIONS" would land on stderr; it is the JVM's, not mp4j's, output
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        return new Child(pb.start(), err);
    }

    long pid() {
        return process.pid();
    }

    /** Writes {@code line} to the child's stdin. */
    void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** The next stdout line, failing the test if none comes within {@code timeout}. */
    String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(line, "the child printed nothing within " + timeout + "; stderr: " + stderr());
        if (line.equals(EOF)) {
            lines.add(EOF);
            throw new AssertionError("the child's stdout ended early; exit "
                    + (process.isAlive() ? "?" : process.exitValue()) + ", stderr: " + stderr());
        }
        return line;
    }

    /** Reads lines until {@code expected}, returning the ones before it. */
    List<String> expect(String expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> before = new ArrayList<>();
        for (;;) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            String line = nextLine(Duration.ofMillis(left));
            if (line.equals(expected)) {
                return before;
            }
            before.add(line);
        }
    }

    /** SIGKILL, and wait until the process is gone (reaped). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the child did not die");
    }

    /** Waits for a normal exit and returns the exit code. */
    int waitExit(Duration timeout) throws InterruptedException {
        assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS),
                "the child did not exit within " + timeout);
        return process.exitValue();
    }

    String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Files.deleteIfExists(stderr);
    }
}
