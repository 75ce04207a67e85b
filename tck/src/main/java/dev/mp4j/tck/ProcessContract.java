package dev.mp4j.tck;

import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.ProcessInfo;
import dev.mp4j.Queue;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Child processes: identity, exit codes, output, lifetime, and inheritance. */
public abstract class ProcessContract extends TransportContract {

    @Test
    void theRootIsMainProcessWithNoParent() {
        ProcessInfo me = Multiprocessing.currentProcess();
        assertEquals("MainProcess", me.name());
        assertEquals(ProcessHandle.current().pid(), me.pid());
        assertEquals(Optional.empty(), Multiprocessing.parentProcess());
    }

    @Test
    void aChildRunsInAnotherProcessAndKnowsItsParent() throws Exception {
        assumeChildJvms("another pid");
        Queue<Object> q = mp().queue();
        Process p = mp().process(() -> {
            ProcessInfo me = Multiprocessing.currentProcess();
            ProcessInfo parent = Multiprocessing.parentProcess().orElseThrow();
            q.put(List.of(me.name(), me.pid(), parent.name(), parent.pid(), ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L)));
        });
        assertTrue(p.name().startsWith("Process-"), p.name());
        assertEquals(OptionalInt.empty(), p.exitCode());
        run(p);
        List<?> seen = (List<?>) q.take();
        assertEquals(p.name(), seen.get(0));
        assertEquals(p.pid(), seen.get(1));
        assertNotEquals(ProcessHandle.current().pid(), seen.get(1));
        assertEquals("MainProcess", seen.get(2));
        assertEquals(ProcessHandle.current().pid(), seen.get(3));
        assertEquals(ProcessHandle.current().pid(), seen.get(4));
        assertEquals(OptionalInt.of(0), p.exitCode());
    }

    @Test
    void onExitCompletesWithTheProcessOnceItEndedWithItsExitCodeKnown() throws Exception {
        assumeChildJvms("System.exit sets the exit code");
        Process p = mp().process(() -> System.exit(3));
        java.util.concurrent.CompletableFuture<Process> exit = p.onExit();
        assertFalse(exit.isDone(), "not started, not ended");
        assertTrue(exit == p.onExit(), "the same future at every call");
        java.util.concurrent.CompletableFuture<Integer> code = exit.thenApply(e -> e.exitCode().orElse(-1));
        p.start();
        assertTrue(exit.get(60, java.util.concurrent.TimeUnit.SECONDS) == p);
        assertEquals(3, code.get(60, java.util.concurrent.TimeUnit.SECONDS), "the exit code is known when it completes");
        assertFalse(p.isAlive());
    }

    @Test
    void exitCodesFollowPython() throws Exception {
        assumeChildJvms("System.exit sets the exit code");
        Process ok = mp().process(() -> { });
        Process threw = mp().process(() -> {
            throw new IllegalStateException("task failed on purpose");
        });
        Process exited = mp().process(() -> System.exit(7));
        Queue<String> running = mp().queue();
        Process terminated = mp().process(() -> {
            running.put("running");
            Thread.sleep(60_000);
        });
        Process killed = mp().process(() -> Thread.sleep(60_000));
        for (Process p : List.of(ok, threw, exited, terminated, killed)) {
            p.start();
        }
        assertTrue(terminated.isAlive());
        // past its JVM's start: a SIGTERM while a JVM initializes can end it with status 1 ("Bad level")
        assertEquals("running", running.poll(Duration.ofSeconds(60)));
        terminated.terminate();
        killed.kill();
        for (Process p : List.of(ok, threw, exited, terminated, killed)) {
            assertTrue(p.join(Duration.ofSeconds(60)), p.name() + " did not end");
            assertFalse(p.isAlive());
        }
        assertEquals(OptionalInt.of(0), ok.exitCode());
        assertEquals(OptionalInt.of(1), threw.exitCode());
        assertEquals(OptionalInt.of(7), exited.exitCode());
        assertEquals(OptionalInt.of(-15), terminated.exitCode());
        assertEquals(OptionalInt.of(-9), killed.exitCode());
    }

    @Test
    void misuseIsRefusedAndTheProcessStaysUsable() throws Exception {
        Process p = mp().process(() -> { });
        assertThrows(IllegalStateException.class, p::join);
        assertThrows(IllegalStateException.class, p::pid);
        assertThrows(IllegalArgumentException.class, () -> p.name(" "));
        p.name("custom").daemon(false).jvmArgs("-Xmx64m");
        run(p);
        assertEquals("custom", p.name());
        assertThrows(IllegalStateException.class, p::start);
        assertThrows(IllegalStateException.class, () -> p.name("again"));
        assertThrows(IllegalStateException.class, () -> p.daemon(true));
        assertThrows(IllegalStateException.class, () -> p.jvmArgs("-Xmx32m"));
        assertEquals(OptionalInt.of(0), p.exitCode());
        p.close();
    }

    @Test
    void closeRefusesARunningProcess() throws Exception {
        Process p = mp().process(() -> Thread.sleep(60_000)).start();
        IllegalStateException e = assertThrows(IllegalStateException.class, p::close);
        assertTrue(e.getMessage().contains("still running"), e.getMessage());
        p.kill();
        p.join();
        p.close();
    }

    @Test
    void anUnserializableTaskFailsStartNamingTheCulprit() {
        Object notSerializable = new Object();
        Process p = mp().process(() -> System.out.println(notSerializable));
        int before = Multiprocessing.activeChildren().size();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::start);
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertEquals(before, Multiprocessing.activeChildren().size());
        assertThrows(IllegalStateException.class, p::pid);
    }

    @Test
    void capturingAProcessOrAContextSaysWhy() {
        Process other = mp().process(() -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mp().process(() -> System.out.println(other.name())).start());
        assertTrue(e.getMessage().contains("Process cannot be sent"), e.getMessage());
    }

    @Test
    void outputAndStackTracesAreForwardedLineByLine() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            Process p = run(mp().process(() -> {
                System.out.println("hello from the child");
                System.out.print("no newline at the end");
                throw new IllegalStateException("boom-4711");
            }));
            assertEquals(OptionalInt.of(1), p.exitCode());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String o = outBytes.toString(StandardCharsets.UTF_8);
        String e = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(o.contains("hello from the child" + System.lineSeparator()), o);
        assertTrue(o.contains("no newline at the end"), o);
        assertTrue(e.contains("java.lang.IllegalStateException: boom-4711"), e);
        assertTrue(e.contains("\tat "), "a stack trace: " + e);
    }

    @Test
    void aTerminatedChildBlockedOnAQueueEndsQuietlyWithMinus15() throws Exception {
        Queue<String> ready = mp().queue();
        Queue<String> never = mp().queue();
        PrintStream err = System.err;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        Process p;
        try {
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            p = mp().process(() -> {
                ready.put("blocked");
                never.take();
            }).start();
            assertEquals("blocked", ready.take());
            Thread.sleep(200);
            p.terminate();
            assertTrue(p.join(Duration.ofSeconds(60)));
        } finally {
            System.setErr(err);
        }
        assertEquals(OptionalInt.of(-15), p.exitCode());
        String e = errBytes.toString(StandardCharsets.UTF_8);
        assertFalse(e.contains("Process " + p.name()), "a terminated task reports no failure: " + e);
    }

    @Test
    void aChildInheritsTheTransportAndMp4jProperties() throws Exception {
        System.setProperty("mp4j.tck.marker", "inherited-42");
        try {
            Queue<Object> q = mp().queue();
            run(mp().process(() -> q.put(List.of(Multiprocessing.context().transport(),
                    String.valueOf(System.getProperty("mp4j.tck.marker"))))));
            assertEquals(List.of(transport(), "inherited-42"), q.take());
        } finally {
            System.clearProperty("mp4j.tck.marker");
        }
    }

    @Test
    void grandchildrenWorkAndAreNamedAfterTheirParent() throws Exception {
        Queue<Object> q = mp().queue();
        Process p = run(mp().process(() -> {
            Process grandchild = Multiprocessing.context().process(() -> q.put(List.of(
                    Multiprocessing.currentProcess().name(), Multiprocessing.parentProcess().orElseThrow().name())));
            grandchild.start();
            grandchild.join();
            q.put(grandchild.exitCode().getAsInt());
        }));
        assertEquals(OptionalInt.of(0), p.exitCode());
        List<?> names = (List<?>) q.take();
        assertEquals(p.name() + ":1", names.get(0));
        assertEquals(p.name(), names.get(1));
        assertEquals(0, q.take());
    }

    @Test
    void activeChildrenListsRunningChildrenOnly() throws Exception {
        Process p = mp().process(() -> Thread.sleep(60_000)).start();
        assertTrue(Multiprocessing.activeChildren().contains(p));
        p.terminate();
        p.join();
        assertFalse(Multiprocessing.activeChildren().contains(p));
    }

    @Test
    void daemonChildrenAreTerminatedWhenTheirParentExits() throws Exception {
        assumeChildJvms("a JVM that exits terminates its daemon children");
        Queue<Long> pids = mp().queue();
        Process parent = run(mp().process(() -> {
            Process daemon = Multiprocessing.context().process(() -> Thread.sleep(60_000)).daemon(true).start();
            pids.put(daemon.pid());
        }));
        assertEquals(OptionalInt.of(0), parent.exitCode());
        long daemonPid = pids.take();
        assertTrue(goneWithin(daemonPid, Duration.ofSeconds(5)), "the daemon child outlived its parent");
    }

    @Test
    void aParentTerminatedWhileItWaitsForItsChildrenStopsThemAndEnds() throws Exception {
        assumeChildJvms("a JVM that exits waits for its non-daemon children");
        Queue<Long> pids = mp().queue();
        Process parent = mp().process(() -> {
            Process child = Multiprocessing.context().process(() -> Thread.sleep(60_000)).start();
            pids.put(child.pid());
            // main ends here: the parent's exit now waits for its non-daemon child
        }).start();
        long childPid = pids.take();
        Thread.sleep(500);
        assertTrue(parent.isAlive(), "the parent waits for its non-daemon child");
        parent.terminate();
        assertTrue(parent.join(Duration.ofSeconds(10)), "a terminated parent must not wait for its children");
        assertTrue(goneWithin(childPid, Duration.ofSeconds(5)), "the child outlived its terminated parent");
    }

    @Test
    void nonDaemonChildrenAreJoinedWhenTheirParentExits() throws Exception {
        Queue<String> q = mp().queue();
        Process parent = run(mp().process(() -> Multiprocessing.context().process(() -> {
            Thread.sleep(500);
            q.put("finished");
        }).start()));
        assertEquals(OptionalInt.of(0), parent.exitCode());
        assertEquals("finished", q.poll(Duration.ofSeconds(1)), "the parent exited before joining its child");
    }

    @Test
    void aChildWhoseParentIsKilledExitsWithinASecond() throws Exception {
        assumeChildJvms("kill -9 of the parent");
        Queue<Long> pids = mp().queue();
        Process parent = mp().process(() -> {
            Process child = Multiprocessing.context().process(() -> Thread.sleep(60_000)).start();
            pids.put(child.pid());
            Thread.sleep(60_000);
        }).start();
        long orphan = pids.take();
        assertTrue(isRunning(orphan));
        parent.kill();
        parent.join();
        assertEquals(OptionalInt.of(-9), parent.exitCode());
        assertTrue(goneWithin(orphan, slack(Duration.ofMillis(1500))), "the orphan kept running after its parent was killed");
    }

    @Test
    void aRootWhoseMainReturnedKeepsWhatItsRunningChildrenUse() throws Exception {
        assumeChildJvms("a root JVM whose main returned");
        try (PeerJvm root = PeerJvm.startRoot(transport(), EndingRoot.class, List.of("late-attach", transport()))) {
            assertEquals(0, root.awaitExit(Duration.ofSeconds(60)), root.output());
            assertEquals("0", root.awaitReport("grandchild ", Duration.ofSeconds(5)),
                    "a queue of the root could not be attached while the root waited for its child: " + root.output());
        }
    }

    /** Python's {@code log_to_stderr(DEBUG)}: the lifecycle of every process of the tree, each line saying whose. */
    @Test
    void logToStderrShowsTheLifecycleOfTheWholeTree() throws Exception {
        assumeChildJvms("a root JVM of its own, whose standard error the test reads");
        try (PeerJvm root = PeerJvm.startRoot(transport(), EndingRoot.class, List.of("logging", transport()))) {
            assertEquals(0, root.awaitExit(Duration.ofSeconds(60)), root.output());
            String out = root.output();
            assertTrue(out.matches("(?s).*\\[DEBUG/MainProcess\\] started Child \\(pid \\d+\\) (in a warm spare|as a new JVM).*"), out);
            assertTrue(out.matches("(?s).*\\[DEBUG/Child\\] started Grandchild \\(pid \\d+\\).*"), out);
            // join returns only once the end's line is out (logEnded is synchronized), however soon the program exits
            assertTrue(out.matches("(?s).*\\[DEBUG/Child\\] Grandchild \\(pid \\d+\\) ended, exit code 0.*"), out);
            assertTrue(out.matches("(?s).*\\[DEBUG/MainProcess\\] Child \\(pid \\d+\\) ended, exit code 0.*"), out);
        }
    }

    /**
     * On threads, {@code System.exit} in a task ends the whole JVM, as the documentation says, and its exit must not
     * wait for the thread that called it ({@link #exitCodesFollowPython} covers a child JVM's).
     */
    @Test
    void systemExitInAThreadBackedTaskEndsTheJvm() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(processesAreThreads(), "exitCodesFollowPython covers a child JVM's exit");
        try (PeerJvm root = PeerJvm.startRoot(transport(), EndingRoot.class, List.of("exit-in-task", transport()))) {
            assertEquals(3, root.awaitExit(Duration.ofSeconds(60)), root.output());
        }
    }

    /** Here rather than in the pool contract, whose shared pool lives on the context this test closes. */
    @Test
    void closingAContextTerminatesItsPoolsWhichThenRefuseWork() throws Exception {
        dev.mp4j.Context ctx = mp();
        dev.mp4j.Pool pool = ctx.pool(1);
        assertEquals(4, pool.apply(() -> 2 + 2));
        List<Process> workers = Multiprocessing.activeChildren().stream()
                .filter(p -> p.name().startsWith("PoolWorker-")).toList();
        ctx.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.applyAsync(() -> 1));
        assertTrue(e.getMessage().contains("terminated"), e.getMessage());
        assertTimeoutPreemptively(Duration.ofSeconds(60), pool::join, "the pool of a closed context did not end");
        for (Process worker : workers) {
            assertTrue(worker.join(Duration.ofSeconds(30)), worker + " outlived its context");
        }
        try (dev.mp4j.Pool again = mp().pool(1)) {
            assertEquals(9, again.apply(() -> 3 * 3), "a new context serves as before");
        }
    }

    @Test
    void aQueueOfAClosedContextCannotBeSentToAChildAndTheSenderIsToldWhy() {
        dev.mp4j.Context ctx = mp();
        Queue<Object> q = ctx.queue();
        ctx.close();
        Process p = mp().process(() -> q.put("never"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::start);
        assertTrue(e.getMessage().contains("context was closed"), e.getMessage());
        assertFalse(p.isAlive(), "nothing was started");
    }

    @Test
    void aPipeEndOfAClosedContextCannotBeSentToAChildAndTheSenderIsToldWhy() {
        dev.mp4j.Context ctx = mp();
        dev.mp4j.Connection end = ctx.pipe().right();
        ctx.close();
        Process p = mp().process(() -> end.send("never"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::start);
        assertTrue(e.getMessage().contains("context was closed"), e.getMessage());
        assertFalse(p.isAlive(), "nothing was started");
    }
}
