package dev.mp4j.transport.netty;

import dev.mp4j.Context;
import dev.mp4j.MpException;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.Queue;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: a child that runs out of direct memory is told that, not that the process owning its queue is gone. The
 * child holds all the direct memory its JVM may have, so its event loop cannot copy the next item out to the socket:
 * the {@link OutOfMemoryError} fails every link of its transport, and the child's next call on the parent's queue must
 * name that error, in this process, and what to do, while the parent, alive and well, keeps its queue. Before, the
 * failed copy went unheard after the item's length had gone out, the owner read the next frames as its body, and the
 * child's next call waited forever.
 */
class DirectMemoryFailureTest {
    @ParameterizedTest
    @ValueSource(strings = {"netty", "netty-tcp"})
    void aChildOutOfDirectMemoryIsToldSoAndNotThatTheOwnerIsGone(String transport, @TempDir Path dir) throws Exception {
        Context mp = Multiprocessing.context(transport);
        Path report = dir.resolve("report.txt");
        String reportPath = report.toString();
        try (Queue<byte[]> q = mp.queue()) {
            Process child = mp.process(() -> {
                q.put(new byte[] {1}); // the link to the owner is up before the memory runs out
                List<ByteBuffer> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(ByteBuffer.allocateDirect(256 * 1024));
                    }
                } catch (OutOfMemoryError full) {
                    // all the direct memory this JVM may have is held
                }
                String seen = "no call failed";
                try {
                    q.put(new byte[8 << 20]);
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (System.nanoTime() < deadline) {
                        q.size();
                        Thread.sleep(20);
                    }
                } catch (MpException e) {
                    seen = e.getMessage();
                }
                Files.writeString(Path.of(reportPath), seen + " / held " + held.size());
            }).jvmArgs("-XX:MaxDirectMemorySize=16m");
            child.start();
            assertTrue(child.join(Duration.ofSeconds(90)), "the child did not end");
            String seen = Files.readString(report, StandardCharsets.UTF_8);
            assertTrue(seen.contains("this process itself hit java.lang.OutOfMemoryError"), seen);
            assertTrue(seen.contains("-XX:MaxDirectMemorySize"), seen);
            assertFalse(seen.contains("is gone or closed it"), seen);
            assertArrayEquals(new byte[] {1}, q.poll(Duration.ofSeconds(30)), "the owner's queue lost the item put before the failure");
            q.put(new byte[] {2});
            assertEquals(2, q.poll(Duration.ofSeconds(30))[0], "the owner's queue no longer works");
        }
    }
}
