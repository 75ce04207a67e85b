package dev.mp4j.core.manager;

import dev.mp4j.ManagerOptions;
import dev.mp4j.core.codec.Codec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A managed object lives while some process holds a proxy for it, counting proxies in messages: it is freed
 * when the last proxy is garbage-collected, or when its client's anchor connection ends.
 */
class LifetimeTest {
    private ManagerServer server;
    private ManagerClient client;

    @BeforeEach
    void serve() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        server = ManagerServer.start(ManagerOptions.create(), key);
        client = ManagerClient.connect(server.address(), key);
    }

    @AfterEach
    void stop() {
        client.disconnect();
        server.shutdown();
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            System.gc();
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anObjectIsFreedWhenItsLastProxyIsCollected() throws Exception {
        Map<String, Integer> d = (Map<String, Integer>) client.make(Kind.DICT.name(), (Object) null);
        d.put("k", 1);
        assertEquals(1, server.objectCount());
        d = null;
        assertTrue(eventually(() -> server.objectCount() == 0), "freed once no proxy is left");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProxyInAMessageKeepsItsObjectUntilItIsReadAndDropped() throws Exception {
        List<Integer> l = (List<Integer>) client.make(Kind.LIST.name(), List.of(1, 2));
        byte[] message = Codec.encode(l);
        l = null;
        System.gc();
        Thread.sleep(200);
        assertEquals(1, server.objectCount(), "the reference in transit keeps the list");
        List<Integer> received = (List<Integer>) Codec.decode(message);
        assertEquals(List.of(1, 2), received);
        received = null;
        assertTrue(eventually(() -> server.objectCount() == 0), "freed once the received proxy is dropped too");
    }

    @Test
    void aClientThatGoesAwayDropsItsReferences() throws Exception {
        Object keep = client.make(Kind.DICT.name(), (Object) null);
        client.make(Kind.NAMESPACE.name());
        assertEquals(2, server.objectCount());
        client.disconnect();
        assertTrue(eventually(() -> server.objectCount() == 0), "the anchor's end drops everything it held");
        assertTrue(keep != null);
    }
}
