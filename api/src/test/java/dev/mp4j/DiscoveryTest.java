package dev.mp4j;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiscoveryTest {
    @AfterEach
    void clearProperty() {
        System.clearProperty(Discovery.TRANSPORT_PROPERTY);
    }

    @Test
    void aBrokenOrUnavailableProviderNeverHidesTheOthers() {
        assertEquals(Set.of("high", "low"), Multiprocessing.transports());
        assertEquals(List.of("high", "low"), List.copyOf(Multiprocessing.transports()), "by priority");
    }

    @Test
    void theDefaultIsThePropertyElseTheHighestPriority() {
        assertEquals("high", Discovery.defaultTransport());
        System.setProperty(Discovery.TRANSPORT_PROPERTY, "low");
        assertEquals("low", Discovery.defaultTransport());
    }

    @Test
    void anUnknownNameListsWhatWasFoundAndNamesTheArtifact() {
        NoTransportException e = assertThrows(NoTransportException.class, () -> Discovery.provider("chronicle"));
        String m = e.getMessage();
        assertTrue(m.contains("'chronicle'"), m);
        assertTrue(m.contains("[high, low]"), m);
        assertTrue(m.contains("unavailable cannot run here"), m);
        assertTrue(m.contains("needs a native library"), m);
        assertTrue(m.contains("broken on purpose"), m);
        assertTrue(m.contains("mp4j-transport-netty"), m);
    }

    @Test
    void withoutTheRuntimeTheErrorNamesMp4jCore() {
        NoTransportException e = assertThrows(NoTransportException.class, () -> Multiprocessing.context("high"));
        assertTrue(e.getMessage().contains("dev.mp4j:mp4j-core"), e.getMessage());
    }

    @Test
    void blankNamesAndBadWaitArgumentsAreRefusedInTheCaller() {
        assertThrows(IllegalArgumentException.class, () -> Multiprocessing.context(" "));
        assertThrows(IllegalArgumentException.class, () -> Connections.waitAny(List.of(), null));
        assertThrows(NullPointerException.class, () -> Connections.waitAny(null, null));
    }

    @Test
    void cpuCountIsThisJvmsProcessors() {
        assertEquals(Runtime.getRuntime().availableProcessors(), Multiprocessing.cpuCount());
    }
}
