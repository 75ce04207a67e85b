package dev.mp4j.tck;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Backpressure: an unbounded queue's producer, and a pipe's sender, wait once the high-water mark of unread bytes is
 * reached ({@link dev.mp4j.spi.HighWaterMark}), so that memory stays bounded whatever the reader's speed, and nothing
 * is lost or repeated on the way. Before, a fast sender grew its reader's side without bound (300 MB in 0.6 s). The
 * processes run in a tree of their own ({@link FloodingRoot}), whose mark is set low before its transport opens.
 */
public abstract class BackpressureContract extends TransportContract {
    @Test
    void aSenderWaitsAtTheHighWaterMarkAndNothingIsLost() throws Exception {
        try (PeerJvm root = PeerJvm.startRoot(transport(), FloodingRoot.class, List.of(transport()))) {
            assertEquals(0, root.awaitExit(Duration.ofSeconds(110)), root.output());
        }
    }
}
