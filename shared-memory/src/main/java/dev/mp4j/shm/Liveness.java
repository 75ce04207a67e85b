package dev.mp4j.shm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether another process is still alive, for robust recovery. A zombie counts as dead: it can never
 * release what it holds, and {@link ProcessHandle#isAlive()} is true for one (orphans are not always reaped
 * on these machines). A recycled pid is not detected: pids are reused only after the kernel's pid space
 * wraps ({@code /proc/sys/kernel/pid_max}).
 */
final class Liveness {
    static final long PID = ProcessHandle.current().pid();
    private static final long ALIVE_VERDICT_NANOS = 10_000_000;
    private static final Map<Long, Long> ALIVE_UNTIL = new ConcurrentHashMap<>();

    private Liveness() {
    }

    static boolean isDead(long pid) {
        if (pid == PID) {
            return false;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        return h.isEmpty() || !h.get().isAlive() || isZombie(pid);
    }

    /** {@link #isDead}, trusting an "alive" verdict for 10 ms: for signallers, which check on every call. */
    static boolean isDeadCached(long pid) {
        long now = System.nanoTime();
        Long until = ALIVE_UNTIL.get(pid);
        if (until != null && now - until < 0) {
            return false;
        }
        boolean dead = isDead(pid);
        if (dead) {
            ALIVE_UNTIL.remove(pid);
        } else {
            ALIVE_UNTIL.put(pid, now + ALIVE_VERDICT_NANOS);
        }
        return dead;
    }

    /**
     * Dead, or alive but a different process from the one that started at {@code startMillis}. The JDK
     * derives a start time from the boot time, which moves when the wall clock is stepped, so times within
     * {@value #START_TOLERANCE_MILLIS} ms count as the same start: a recycled pid started later than that.
     */
    static boolean isGone(long pid, long startMillis) {
        if (isDead(pid)) {
            return true;
        }
        return startMillis != 0 && Math.abs(startMillis(pid) - startMillis) > START_TOLERANCE_MILLIS;
    }

    private static final long START_TOLERANCE_MILLIS = 2_000;

    static long startMillis(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).map(Instant::toEpochMilli).orElse(0L);
    }

    private static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String s = new String(Files.readAllBytes(stat), StandardCharsets.US_ASCII);
            int end = s.lastIndexOf(')');
            if (end < 0 || end + 2 >= s.length()) {
                return false;
            }
            char state = s.charAt(end + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return !Files.isDirectory(stat.getParent()) && Files.isDirectory(Path.of("/proc/self"));
        }
    }
}
