package dev.mp4j.shm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Security review finding 12b: a lock held by a process that died, whose pid now names another live process
 * (pids are reused, and pid namespaces differ), must be taken over, not waited for forever. Here the "holder" is
 * a live {@code sleep} process, recorded as having started an hour before it did.
 */
class RecycledPidTest {
    private java.lang.Process stranger;
    private ShmLock lock;

    @BeforeEach
    void setUp() throws Exception {
        stranger = new ProcessBuilder("sleep", "60").start();
        lock = ShmLock.create();
    }

    @AfterEach
    void tearDown() {
        stranger.destroyForcibly();
    }

    private void heldBy(long pid, long startSecond) {
        MappedSegment seg = lock.core.seg;
        seg.putLongVolatile(LockLayout.BASE + LockLayout.OWNER, pid << 32 | 1);
        seg.putLongVolatile(LockLayout.BASE + LockLayout.STARTED, pid << 32 | startSecond);
    }

    private long strangerStartSecond() {
        long millis = ProcessLiveness.startMillis(stranger.pid());
        assertTrue(millis > 0, "the OS tells start times");
        return millis / 1000;
    }

    @Test
    void aLockWhoseHoldersPidWasReusedIsTakenOver() throws Exception {
        heldBy(stranger.pid(), strangerStartSecond() - 3600);
        assertTrue(lock.tryLock(10, TimeUnit.SECONDS), "the holder's pid now names another process");
        lock.unlock();
    }

    @Test
    void aLockHeldByALiveProcessIsNotTakenOver() throws Exception {
        heldBy(stranger.pid(), strangerStartSecond());
        assertFalse(lock.tryLock(300, TimeUnit.MILLISECONDS), "the holder lives: its lock stays its own");
    }
}
