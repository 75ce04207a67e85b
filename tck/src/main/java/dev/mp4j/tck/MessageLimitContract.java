package dev.mp4j.tck;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Security review finding 5 and hardening deliverable 3: an item or message over the transport's frame limit fails
 * in the sender's {@code put} or {@code send} with {@link dev.mp4j.MessageTooLongException}, nothing is sent, and
 * the queue, the pipe and the links between the processes live on (before, the receiver's decoder cut the whole
 * link: the item and the next were lost, and the producer's later puts failed). The processes run in a tree of
 * their own ({@link LimitedRoot}), whose limit is set low before its transport opens.
 */
public abstract class MessageLimitContract extends TransportContract {
    /** @return the system property that sets this transport's frame limit in bytes; null if it has none to set */
    protected abstract String frameLimitProperty();

    @Test
    void anItemOrMessageOverTheLimitFailsInTheSenderAndEverythingLivesOn() throws Exception {
        assumeTrue(frameLimitProperty() != null, "this transport has no frame limit to set");
        try (PeerJvm root = PeerJvm.startRoot(transport(), LimitedRoot.class,
                List.of(transport(), frameLimitProperty()))) {
            assertEquals(0, root.awaitExit(Duration.ofSeconds(120)), root.output());
        }
    }
}
