package dev.mp4j.shm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link ProcessLiveness} against real processes: a live JVM, the same one killed, and a zombie. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProcessLivenessTest {
    private static final Duration READY = Duration.ofSeconds(20);

    @Test
    void thisProcessLives() {
        long me = ProcessHandle.current().pid();
        assertEquals(me, ProcessLiveness.currentPid());
        assertFalse(ProcessLiveness.isDead(me));
        assertFalse(ProcessLiveness.isDeadCached(me));
        long start = ProcessLiveness.startMillis(me);
        assertNotEquals(0, start);
        assertFalse(ProcessLiveness.isGone(me, start));
        assertFalse(ProcessLiveness.isGone(me, 0));
    }

    @Test
    void pidsThatNameNoProcessAreDead() {
        assertTrue(ProcessLiveness.isDead(0));
        assertTrue(ProcessLiveness.isDead(-1));
        assertTrue(ProcessLiveness.isDead(Long.MAX_VALUE));
        assertEquals(0, ProcessLiveness.startMillis(Long.MAX_VALUE));
    }

    @Test
    void aChildJvmIsAliveUntilKilled() throws Exception {
        try (Child child = Child.asRoot("linger")) {
            child.expect("READY", READY);
            long pid = child.pid();
            long start = ProcessLiveness.startMillis(pid);
            assertNotEquals(0, start);
            assertFalse(ProcessLiveness.isDead(pid));
            assertFalse(ProcessLiveness.isDeadCached(pid), "and caches that verdict");
            assertFalse(ProcessLiveness.isGone(pid, start));
            assertTrue(ProcessLiveness.isGone(pid, start - 3_600_000), "another start time: a recycled pid");

            child.kill();
            assertTrue(ProcessLiveness.isDead(pid));
            assertTrue(ProcessLiveness.isGone(pid, start));
            assertTrue(ProcessLiveness.isGone(pid, 0));
            assertEquals(0, ProcessLiveness.startMillis(pid));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (!ProcessLiveness.isDeadCached(pid)) {
                assertTrue(System.nanoTime() - deadline < 0, "the cached alive verdict must expire within 10 ms");
                Thread.onSpinWait();
            }
        }
    }

    /**
     * A shell that starts a 1 s {@code sleep} in the background and then becomes a 30 s {@code sleep}, which never
     * reaps it: the background child is a zombie from its end until then. The JDK says a zombie is alive; mp4j, dead.
     */
    @Test
    void aZombieIsDead() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc");
        Process parent = new ProcessBuilder("sh", "-c", "sleep 1 & echo $!; exec sleep 30").start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(parent.getInputStream(), StandardCharsets.US_ASCII))) {
            long zombie = Long.parseLong(out.readLine().trim());
            Path stat = Path.of("/proc", Long.toString(zombie), "stat");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!isZombie(stat)) {
                assertTrue(System.nanoTime() - deadline < 0, "the background child did not become a zombie");
                Thread.sleep(1);
            }
            Optional<ProcessHandle> h = ProcessHandle.of(zombie);
            assertTrue(h.isPresent() && h.get().isAlive(), "the JDK calls a zombie alive; that is the point");
            assertTrue(ProcessLiveness.isDead(zombie));
            assertTrue(ProcessLiveness.isDeadCached(zombie));
            assertTrue(ProcessLiveness.isGone(zombie, 0));
            assertFalse(ProcessLiveness.isDead(parent.pid()), "its parent, asleep, lives");
        } finally {
            parent.destroyForcibly();
            parent.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean isZombie(Path stat) {
        try {
            String s = Files.readString(stat, StandardCharsets.US_ASCII);
            return s.charAt(s.lastIndexOf(')') + 2) == 'Z';
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
