package dev.mp4j.transport.shm;

import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Pool;
import dev.mp4j.Process;
import dev.mp4j.Queue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the thread-backed context promises beyond the TCK, which the {@code Threads*Test} classes run over it: its
 * processes are threads of this JVM that still get a copy of their task, know who they are, and end with Python's exit
 * codes.
 */
@Timeout(60)
class ThreadsContextTest {
    private final Context mp = Multiprocessing.context(Multiprocessing.THREADS);

    /** A pool's workers end after its close returns: give them the time TransportContract gives children. */
    @AfterEach
    void noThreadLeftRunning() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Multiprocessing.activeChildren().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), Multiprocessing.activeChildren());
    }

    @Test
    void itIsOneSharedContextOverTheDefaultTransport() {
        assertEquals("threads", mp.transport());
        assertSame(mp, Multiprocessing.context("threads"));
        assertTrue(mp.toString().contains("threads over shm"), mp.toString());
    }

    @Test
    void aProcessIsAThreadOfThisJvmThatKnowsWhoItIsAndWhoStartedIt() throws Exception {
        Queue<Object> q = mp.queue();
        Process p = mp.process(() -> {
            Process grandchild = Multiprocessing.context().process(() -> q.put(List.of(
                    Multiprocessing.currentProcess().name(), Multiprocessing.parentProcess().orElseThrow().name()))).start();
            q.put(List.of(Multiprocessing.currentProcess().name(), Multiprocessing.currentProcess().pid(),
                    Multiprocessing.parentProcess().orElseThrow().name(), Multiprocessing.context().transport(),
                    Thread.currentThread().getName(), Multiprocessing.activeChildren().size()));
            grandchild.join();
        }).name("worker").start();
        assertEquals(List.of(p), Multiprocessing.activeChildren());
        List<?> first = (List<?>) q.take();
        List<?> second = (List<?>) q.take();
        List<?> grandchild = first.size() == 2 ? first : second;
        List<?> child = first.size() == 2 ? second : first;
        assertEquals(List.of("worker", ProcessHandle.current().pid(), "MainProcess", "threads", "worker"), child.subList(0, 5));
        assertTrue((Integer) child.get(5) <= 1, "the child's children are its own: " + child);
        assertTrue(grandchild.get(0).toString().matches("Process-\\d+:1"), "named after its parent's number: " + grandchild);
        assertEquals("worker", grandchild.get(1));
        assertTrue(p.join(Duration.ofSeconds(60)));
        assertEquals(OptionalInt.of(0), p.exitCode());
        assertEquals(ProcessHandle.current().pid(), p.pid());
        assertEquals("MainProcess", Multiprocessing.currentProcess().name(), "the caller's thread is not the child's");
    }

    @Test
    void theTaskIsACopyAndAnUnserializableOneIsRefusedAtStart() throws Exception {
        int[] counter = {0};
        Queue<Integer> q = mp.queue();
        Process p = mp.process(() -> {
            counter[0] += 41;
            q.put(counter[0]);
        }).start();
        assertEquals(41, q.take());
        p.join();
        assertEquals(0, counter[0], "the child changed its own copy of what the task captured");
        Object notSerializable = new Object();
        Process refused = mp.process(() -> System.out.println(notSerializable));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, refused::start);
        assertTrue(e.getMessage().contains("cannot be serialized"), e.getMessage());
        assertFalse(refused.isAlive());
    }

    @Test
    void exitCodesFollowPythonAndTerminateAndKillInterrupt() throws Exception {
        Queue<String> running = mp.queue();
        Queue<String> never = mp.queue();
        Process ok = mp.process(() -> { }).start();
        Process threw = mp.process(() -> {
            throw new IllegalStateException("task failed on purpose");
        }).start();
        Process terminated = mp.process(() -> {
            running.put("terminated");
            Thread.sleep(60_000);
        }).start();
        Process killed = mp.process(() -> {
            running.put("killed");
            never.take(); // only the interrupt ends this
        }).start();
        assertEquals(2, List.of(running.take(), running.take()).size());
        terminated.terminate();
        killed.kill();
        for (Process p : List.of(ok, threw, terminated, killed)) {
            assertTrue(p.join(Duration.ofSeconds(60)), p + " did not end");
            assertFalse(p.isAlive());
            p.close();
        }
        assertEquals(OptionalInt.of(0), ok.exitCode());
        assertEquals(OptionalInt.of(1), threw.exitCode());
        assertEquals(OptionalInt.of(-15), terminated.exitCode());
        assertEquals(OptionalInt.of(-9), killed.exitCode());
    }

    @Test
    void aPoolsWorkersAreThreadsOfThisJvm() throws Exception {
        try (Pool pool = mp.pool(2)) {
            assertEquals(ProcessHandle.current().pid(), pool.apply(() -> ProcessHandle.current().pid()));
            assertTrue(pool.apply(() -> Multiprocessing.currentProcess().name()).startsWith("PoolWorker-"));
        }
    }

    @Test
    void mp4jTransportThreadsMakesItTheDefault() {
        String before = System.getProperty("mp4j.transport");
        System.setProperty("mp4j.transport", "threads");
        try {
            assertSame(mp, Multiprocessing.context());
        } finally {
            if (before == null) {
                System.clearProperty("mp4j.transport");
            } else {
                System.setProperty("mp4j.transport", before);
            }
        }
    }
}
