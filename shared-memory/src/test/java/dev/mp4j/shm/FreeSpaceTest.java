package dev.mp4j.shm;

import dev.mp4j.MpException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Security review finding 11: a block larger than the free space of its memory file system was created sparse,
 * and the first write faulted. Here on a 16 MiB tmpfs, as small as a container's /dev/shm can be; mounting one
 * needs root, so elsewhere the test is skipped.
 */
class FreeSpaceTest {
    private Path small;

    private static boolean run(String... cmd) throws Exception {
        java.lang.Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @BeforeEach
    void mountSmallTmpfs() throws Exception {
        small = Files.createTempDirectory("mp4j-test-small-shm");
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", small.toString()),
                "mounting a tmpfs needs root");
    }

    @AfterEach
    void unmount() throws Exception {
        run("umount", small.toString());
        Files.deleteIfExists(small);
    }

    @Test
    void aBlockLargerThanTheFreeSpaceIsRefusedAtCreationNamingTheRemedy() {
        MpException e = assertThrows(MpException.class, () -> MappedSegment.checkSpace(small, 32L << 20));
        assertTrue(e.getMessage().contains("--shm-size"), e.getMessage());
        assertTrue(e.getMessage().contains("mp4j.shm.dir"), e.getMessage());
    }

    @Test
    void aBlockThatFitsIsAllowed() {
        MappedSegment.checkSpace(small, 1L << 20);
    }
}
