package dev.mp4j.tck;

import dev.mp4j.Multiprocessing;
import dev.mp4j.Pool;
import dev.mp4j.Process;
import dev.mp4j.ProcessInfo;
import dev.mp4j.Queue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Warm spare JVMs: a context keeps children booted and waiting, and {@code start()} hands them tasks. A spare is
 * seen here as a child JVM of this one that runs mp4j's child main class and is not among
 * {@link Multiprocessing#activeChildren()}.
 */
public abstract class SparesContract extends TransportContract {
    private static final String CHILD_MAIN = "dev.mp4j.core.process.ChildMain";

    /** @return the spares of this JVM now */
    static Set<Long> spares() {
        Set<Long> active = Multiprocessing.activeChildren().stream().map(Process::pid).collect(Collectors.toSet());
        return ProcessHandle.current().children()
                .filter(h -> h.isAlive() && !active.contains(h.pid()))
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains(CHILD_MAIN)).orElse(false))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /** Starts and joins a child, so that the context has seen demand, then waits until a spare is there. */
    private Set<Long> awaitSpares() throws InterruptedException {
        run(mp().process(() -> { }));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Set<Long> s = spares();
            if (!s.isEmpty()) {
                return s;
            }
            Thread.sleep(20);
        }
        return fail("no spare JVM was started within a minute of a child's start");
    }

    @Test
    void aSpareTakesTheTaskAndBecomesTheChildItsParentNamed() throws Exception {
        Set<Long> before = awaitSpares();
        Queue<Object> q = mp().queue();
        Process p = mp().process(() -> {
            ProcessInfo me = Multiprocessing.currentProcess();
            ProcessInfo parent = Multiprocessing.parentProcess().orElseThrow();
            q.put(List.of(me.name(), me.pid(), me.daemon(), parent.name(), parent.pid(),
                    ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L)));
        }).name("Taken").daemon(true);
        p.start();
        assertTrue(before.contains(p.pid()), "the child " + p.pid() + " is not one of the spares " + before);
        assertTrue(Multiprocessing.activeChildren().contains(p) || !p.isAlive(), "a taken spare is an active child");
        List<?> seen = (List<?>) q.take();
        assertTrue(p.join(Duration.ofSeconds(60)));
        assertEquals(List.of("Taken", p.pid(), true, "MainProcess", ProcessHandle.current().pid(),
                ProcessHandle.current().pid()), seen);
        assertEquals(0, p.exitCode().getAsInt());
        assertFalse(spares().contains(p.pid()));
    }

    @Test
    void sparesNeverShowAmongTheActiveChildren() throws Exception {
        Set<Long> s = awaitSpares();
        Set<Long> active = Multiprocessing.activeChildren().stream().map(Process::pid).collect(Collectors.toSet());
        for (long pid : s) {
            assertFalse(active.contains(pid), "spare " + pid + " is listed as an active child");
        }
    }

    @Test
    void aSpareKilledWhileItWaitsIsNeverHandedATask() throws Exception {
        Set<Long> killed = awaitSpares();
        for (long pid : killed) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        for (long pid : killed) {
            assertTrue(goneWithin(pid, Duration.ofSeconds(10)), "spare " + pid + " did not die");
        }
        Queue<Object> q = mp().queue();
        Process p = run(mp().process(() -> q.put("ran")));
        assertFalse(killed.contains(p.pid()), "the task went to a killed spare");
        assertEquals("ran", q.take());
        assertEquals(0, p.exitCode().getAsInt());
    }

    @Test
    void aChildWithJvmFlagsOfItsOwnStartsColdAndLeavesTheSparesAlone() throws Exception {
        Set<Long> before = awaitSpares();
        Queue<Object> q = mp().queue();
        Process p = mp().process(() -> q.put(Runtime.getRuntime().maxMemory())).jvmArgs("-Xmx96m");
        p.start();
        assertFalse(before.contains(p.pid()), "a child with its own -Xmx went to a spare");
        long max = (Long) q.take();
        assertTrue(max <= 96L << 20, "the child's heap limit is " + max + ", not its -Xmx96m");
        assertTrue(p.join(Duration.ofSeconds(60)));
        // A spare may be retired meanwhile (the number follows demand), but none may have been handed a task.
        assertTrue(Multiprocessing.activeChildren().stream().noneMatch(c -> before.contains(c.pid())),
                "a spare was handed a task: " + Multiprocessing.activeChildren());
    }

    @Test
    void aPoolLargerThanTheSparesStartsEveryWorker() throws Exception {
        Set<Long> before = awaitSpares();
        try (Pool pool = mp().pool(4)) {
            assertEquals(List.of(4, 9, 16, 25, 36), pool.map(x -> x * x, List.of(2, 3, 4, 5, 6)));
            List<Process> workers = Multiprocessing.activeChildren().stream()
                    .filter(p -> p.name().startsWith("PoolWorker-")).toList();
            assertEquals(4, workers.size(), "workers: " + workers);
            assertTrue(workers.stream().anyMatch(w -> before.contains(w.pid())), "no worker was a spare: " + workers);
            pool.close();
            pool.join();
        }
    }

    @Test
    void aSpareEndsWithItsParentEvenWhenTheParentIsKilled() throws Exception {
        Queue<Object> q = mp().queue();
        Process parent = mp().process(() -> {
            run(Multiprocessing.context().process(() -> { }));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (spares().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            q.put(List.copyOf(spares()));
            Thread.sleep(120_000);
        }).daemon(true);
        parent.start();
        List<?> spares = (List<?>) q.take();
        assertFalse(spares.isEmpty(), "the child started no spare");
        parent.kill();
        assertTrue(parent.join(Duration.ofSeconds(30)));
        for (Object pid : spares) {
            assertTrue(goneWithin((Long) pid, Duration.ofSeconds(10)), "spare " + pid + " outlived its killed parent");
        }
    }

    @Test
    void zeroSparesTurnsThemOff() throws Exception {
        awaitSpares();
        String was = System.getProperty("mp4j.spares");
        System.setProperty("mp4j.spares", "0");
        try {
            Set<Long> before = spares();
            Process p = run(mp().process(() -> { }));
            assertFalse(before.contains(p.pid()), "a child started from a spare with mp4j.spares=0");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!spares().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(Set.of(), spares(), "spares are still running with mp4j.spares=0");
        } finally {
            if (was == null) {
                System.clearProperty("mp4j.spares");
            } else {
                System.setProperty("mp4j.spares", was);
            }
        }
    }

    @Test
    void aRootThatEndsWhileItsSparesWarmUpSaysNothingOfThem() throws Exception {
        try (PeerJvm root = PeerJvm.startRoot(transport(), EndingRoot.class, List.of("spares-warming", transport()))) {
            assertEquals(0, root.awaitExit(Duration.ofSeconds(60)), root.output());
            assertFalse(root.output().contains("spare"), "the user saw mp4j's spares at exit:\n" + root.output());
        }
    }
}
