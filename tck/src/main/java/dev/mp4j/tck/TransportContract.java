package dev.mp4j.tck;

import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.shm.ProcessLiveness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The base of mp4j's transport contract tests (the TCK). A transport proves itself by extending each
 * {@code *Contract} class in this package with a class that names it:
 *
 * <pre>{@code
 * class MyPipeTest extends PipeContract {
 *     @Override protected String transport() { return "my-transport"; }
 * }
 * }</pre>
 *
 * Every test runs across real child JVMs; over the thread-backed context ({@link Multiprocessing#THREADS}), across
 * threads of this JVM, and a test that needs a child JVM skips, saying why ({@link #assumeChildJvms}). After each
 * test, no child may still be running.
 */
@Timeout(120)
public abstract class TransportContract {
    /**
     * The one factor every time bound of the suites is multiplied by (a bound that says "promptly", not a timeout
     * that only guards against a hang): {@code -Dmp4j.test.slack}, 3 by default, so that a loaded two-core machine
     * meets them. Speed is measured in the benchmarks, never here.
     */
    static final int SLACK = Integer.getInteger("mp4j.test.slack", 3);

    /** @return {@code millis} times {@link #SLACK} */
    protected static long slack(long millis) {
        return millis * SLACK;
    }

    /** @return {@code bound} times {@link #SLACK} */
    protected static Duration slack(Duration bound) {
        return bound.multipliedBy(SLACK);
    }

    /** @return the name of the transport under test, as its provider gives it */
    protected abstract String transport();

    /**
     * @return whether the context under test runs its processes as threads of this JVM
     *         ({@link Multiprocessing#THREADS}), which can show no JVM's own exit code, signal or pid
     */
    protected final boolean processesAreThreads() {
        return Multiprocessing.THREADS.equals(transport());
    }

    /**
     * Skips the test on the thread-backed context, which runs no child JVM.
     *
     * @param what what the test needs a child JVM for, such as "System.exit sets the exit code"
     */
    protected final void assumeChildJvms(String what) {
        Assumptions.assumeFalse(processesAreThreads(), () -> "needs a child JVM, which the threads context does not start: " + what);
    }

    /** @return the shared context of the transport under test */
    protected final Context mp() {
        return Multiprocessing.context(transport());
    }

    /**
     * @param p a child still running after a test
     * @return whether that is expected, such as a worker of a pool the whole test class shares
     */
    protected boolean mayOutliveTheTest(Process p) {
        return false;
    }

    private List<Process> unexpectedChildren() {
        return Multiprocessing.activeChildren().stream().filter(p -> !mayOutliveTheTest(p)).toList();
    }

    @AfterEach
    void noChildLeftRunning() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Process> alive = unexpectedChildren();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            alive = unexpectedChildren();
        }
        if (!alive.isEmpty()) {
            alive.forEach(Process::kill);
            fail("the test left child processes running: " + alive);
        }
    }

    /** Starts the process and waits for it, failing if it does not end within a minute. */
    protected static Process run(Process p) throws InterruptedException {
        p.start();
        if (!p.join(Duration.ofSeconds(60))) {
            p.kill();
            fail(p.name() + " did not end within a minute");
        }
        return p;
    }

    /** @return whether the process with this pid is gone (or a zombie) within the time given */
    protected static boolean goneWithin(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isRunning(pid)) {
                return true;
            }
            Thread.sleep(20);
        }
        return !isRunning(pid);
    }

    /**
     * A zombie counts as gone: it runs no code ({@code ProcessHandle.isAlive()} is true for zombies). The check is
     * the shared-memory module's, the one every part of mp4j uses.
     */
    protected static boolean isRunning(long pid) {
        return !ProcessLiveness.isDead(pid);
    }
}
