package dev.mp4j.shm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thread interrupted while it records a block in its tree's registry: the interrupt closes a file channel for good
 * (ClosedByInterruptException), and a registry that stayed closed recorded nothing more for the rest of the JVM's
 * life, so that every block made afterwards outlived the tree (found by CI: 69 blocks left by one test JVM).
 */
class TreeRegistryInterruptTest {
    private final String id = "test-" + UUID.randomUUID();
    private final Tree tree = new Tree(id);

    @AfterEach
    void removeRegistry() throws IOException {
        Files.deleteIfExists(ShmDirectory.dir().resolve("mp4j-tree-" + id + ".names"));
    }

    @Test
    void aLineRecordedAfterAnInterruptedOneIsStillRecorded() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread recorder = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                tree.created("block-" + i);
            }
        });
        recorder.start();
        for (int i = 0; i < 2_000; i++) {
            recorder.interrupt();
            Thread.onSpinWait();
        }
        stop.set(true);
        recorder.join();
        boolean wasInterrupted = recorder.isInterrupted();
        tree.created("after-the-interrupts");
        List<String> lines = Files.readAllLines(ShmDirectory.dir().resolve("mp4j-tree-" + id + ".names"),
                StandardCharsets.UTF_8);
        assertTrue(lines.contains("+after-the-interrupts"),
                "the registry must record a block made after an interrupted write; interrupted: " + wasInterrupted
                        + ", lines: " + lines.size());
    }
}
