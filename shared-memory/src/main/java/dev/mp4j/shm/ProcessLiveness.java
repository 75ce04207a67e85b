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
 * Whether another process still lives: the one liveness check of mp4j, for recovering what a dead process held
 * (a lock, permits, a barrier arrival) and for sweeping the files it left.
 *
 * <p>A zombie counts as dead: it can never release what it holds, yet {@link ProcessHandle#isAlive()} is true
 * for one, and orphans are not always reaped (PID 1 in some containers reaps nothing). Where {@code /proc}
 * exists the zombie check reads {@code /proc/<pid>/stat}; elsewhere a zombie counts as alive. A pid that names
 * no process, including zero and negative ones, counts as dead.
 *
 * <p>A recycled pid is not detected by {@link #isDead}: pids are reused only once the kernel's pid space wraps
 * ({@code /proc/sys/kernel/pid_max}). Where a pid is recorded for long (a file name), record its start time too
 * and ask {@link #isGone}.
 *
 * <p>Cost: {@link #isDead} asks the kernel for the process and reads a small {@code /proc} file, a few µs; call
 * it on a slow path (a waiter that has parked for a while), or use {@link #isDeadCached}. All methods are
 * thread-safe, never block, and never throw.
 */
public final class ProcessLiveness {
    private static final long PID = ProcessHandle.current().pid();
    private static final long ALIVE_VERDICT_NANOS = 10_000_000;
    private static final long START_TOLERANCE_MILLIS = 2_000;
    private static final Map<Long, Long> ALIVE_UNTIL = new ConcurrentHashMap<>();

    private ProcessLiveness() {
    }

    /** @return this process's pid, read once */
    public static long currentPid() {
        return PID;
    }

    /**
     * @return true if no live process has this pid: it ended (reaped or a zombie), or never existed; false for
     *         this process
     */
    public static boolean isDead(long pid) {
        if (pid == PID) {
            return false;
        }
        if (pid <= 0) {
            return true;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        return h.isEmpty() || !h.get().isAlive() || isZombie(pid);
    }

    /**
     * {@link #isDead}, trusting an "alive" verdict for 10 ms: for paths that would otherwise check on every call
     * (a signaller walking its waiters). A death is thus seen up to 10 ms late; a "dead" verdict is never
     * cached, since it is final.
     */
    public static boolean isDeadCached(long pid) {
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
     * Dead, or alive but a different process from the one that started at {@code startMillis}: the check for a
     * pid recorded long ago. The JDK derives a start time from the boot time, which moves when the wall clock is
     * stepped, so start times within 2 s count as the same: a recycled pid started later than that.
     *
     * @param startMillis the process's {@link #startMillis} as recorded; 0 if unknown (then as {@link #isDead})
     */
    public static boolean isGone(long pid, long startMillis) {
        if (isDead(pid)) {
            return true;
        }
        return startMillis != 0 && Math.abs(startMillis(pid) - startMillis) > START_TOLERANCE_MILLIS;
    }

    /** @return when the process started, in epoch milliseconds; 0 if it is gone or the OS does not say */
    public static long startMillis(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).map(Instant::toEpochMilli).orElse(0L);
    }

    private static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String s = new String(Files.readAllBytes(stat), StandardCharsets.US_ASCII);
            // the state follows the command name, which is in parentheses and may itself hold ") "
            int end = s.lastIndexOf(')');
            if (end < 0 || end + 2 >= s.length()) {
                return false;
            }
            char state = s.charAt(end + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            // gone between the two checks (its /proc entry too), or no /proc at all (then: not a zombie)
            return !Files.isDirectory(stat.getParent()) && Files.isDirectory(Path.of("/proc/self"));
        }
    }
}
