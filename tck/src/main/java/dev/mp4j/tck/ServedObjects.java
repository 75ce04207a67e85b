package dev.mp4j.tck;

import dev.mp4j.runtime.Token;
import dev.mp4j.runtime.Transports;
import dev.mp4j.spi.Transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the contracts that attack a process's server need: whether the transport has processes serve their queues
 * over links at all, and where a queue is served (the {@link Token} it travels as).
 */
public final class ServedObjects {
    private ServedObjects() {}

    /**
     * Skips a test on a transport that keeps queues itself ({@link dev.mp4j.spi.NativeQueues}): its queues are
     * reached through storage private to this user, not through a process's server, so there is no link to attack.
     */
    public static void assumeQueuesAreServedOverLinks(String transport) throws IOException {
        try (Transport t = Transports.provider(transport).open()) {
            assumeTrue(t.nativeQueues().isEmpty(), "the " + transport + " transport keeps queues in storage private to"
                    + " this user (its native-queue capability), not behind a process's authenticated server");
        }
    }

    /** @return the token of {@code transport} that {@code object} writes in its place when serialized, or null */
    public static Token tokenOf(Object object, String transport) throws IOException {
        List<Token> tokens = new ArrayList<>();
        // replaceObject sees each object after its own writeReplace: a queue's token, not the queue.
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream()) {
            {
                enableReplaceObject(true);
            }

            @Override
            protected Object replaceObject(Object obj) {
                if (obj instanceof Token t) {
                    tokens.add(t);
                }
                return obj;
            }
        }) {
            out.writeObject(object);
        }
        return tokens.stream().filter(t -> t.transport().equals(transport)).findFirst().orElse(null);
    }
}
