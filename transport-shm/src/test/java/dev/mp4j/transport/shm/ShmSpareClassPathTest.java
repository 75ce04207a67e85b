package dev.mp4j.transport.shm;

import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.Task;
import dev.mp4j.tck.TransportContract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A warm spare runs on the class path it was started with, and a child's class path follows the starting thread's
 * context class loader: a start from a thread whose loader sees a folder the spares' class path lacks must start
 * cold, or the child could not load its task; the spare stays, and the next start on its class path takes it.
 */
class ShmSpareClassPathTest extends TransportContract {
    private static final String CHILD_MAIN = "dev.mp4j.core.process.ChildMain";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Override
    protected String transport() {
        return "shm";
    }

    @Test
    void aStartOnAnotherClassPathStartsColdAndTheSpareWaitsForAStartOnItsOwn(@TempDir Path dir) throws Exception {
        Set<Long> before = awaitSpares();
        Thread me = Thread.currentThread();
        ClassLoader was = me.getContextClassLoader();
        try (Queue<String> out = mp().queue();
             URLClassLoader extra = new URLClassLoader(new URL[] {compile(dir).toUri().toURL()}, was)) {
            me.setContextClassLoader(extra);
            Process cold;
            try {
                Task writer = (Task) extra.loadClass("extra.Writer").getConstructor(Queue.class).newInstance(out);
                cold = mp().process(writer).start();
            } finally {
                me.setContextClassLoader(was);
            }
            assertFalse(before.contains(cold.pid()), "a spare that lacks the task's folder took it: " + before);
            assertEquals("ran extra.Writer", out.poll(PATIENCE), "the child could not run a task of its class path");
            assertTrue(cold.join(PATIENCE));
            assertEquals(0, cold.exitCode().orElseThrow());

            Process warm = mp().process(() -> out.put("ran on the spare's class path")).start();
            assertTrue(before.contains(warm.pid()), "the spare " + before + " was not handed a start on its class path,"
                    + " which went to " + warm.pid());
            assertEquals("ran on the spare's class path", out.poll(PATIENCE));
            assertTrue(warm.join(PATIENCE));
            assertEquals(0, warm.exitCode().orElseThrow());
        }
    }

    /**
     * Starts and joins a child, so that the context has seen demand, then waits until a spare is waiting.
     *
     * @return the pids of the spares
     */
    private Set<Long> awaitSpares() throws InterruptedException {
        run(mp().process(() -> { }));
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Set<Long> s = spares();
            if (!s.isEmpty()) {
                return s;
            }
            Thread.sleep(20);
        }
        return fail("no spare JVM was started within a minute of a child's start");
    }

    /**
     * @return the child JVMs of this one that run mp4j's child main and are no active child: the spares, but not the
     *         JVM that trains the class-data archive, which ends after its warm-up and never takes a task
     */
    private static Set<Long> spares() {
        Set<Long> active = Multiprocessing.activeChildren().stream().map(Process::pid).collect(Collectors.toSet());
        return ProcessHandle.current().children()
                .filter(h -> h.isAlive() && !active.contains(h.pid()))
                .filter(h -> h.info().arguments().map(List::of)
                        .map(a -> a.contains(CHILD_MAIN) && a.stream().noneMatch(f -> f.startsWith("-XX:ArchiveClassesAtExit")))
                        .orElse(false))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /** @return a folder of classes, compiled now, that no class path of this JVM holds */
    private static Path compile(Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/extra"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path file = Files.writeString(src.resolve("Writer.java"), """
                package extra;
                public class Writer implements dev.mp4j.Task {
                    private final dev.mp4j.Queue<String> out;
                    public Writer(dev.mp4j.Queue<String> out) { this.out = out; }
                    @Override public void run() throws Exception { out.put("ran " + getClass().getName()); }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK");
        String api = Path.of(Task.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), "-cp", api, file.toString()),
                "the task's class did not compile");
        return classes;
    }
}
