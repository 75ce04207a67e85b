package dev.mp4j;

import dev.mp4j.runtime.Transports;
import dev.mp4j.spi.TransportProvider;

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
        System.clearProperty(Transports.TRANSPORT_PROPERTY);
    }

    @Test
    void aBrokenOrUnavailableProviderNeverHidesTheOthers() {
        assertEquals(Set.of("high", "low"), Multiprocessing.transports());
        assertEquals(List.of("high", "low"), List.copyOf(Multiprocessing.transports()), "by priority");
    }

    @Test
    void theDefaultIsThePropertyElseTheHighestPriority() {
        assertEquals("high", Transports.defaultName());
        System.setProperty(Transports.TRANSPORT_PROPERTY, "low");
        assertEquals("low", Transports.defaultName());
    }

    @Test
    void anUnknownNameListsWhatWasFoundAndNamesTheArtifact() {
        NoTransportException e = assertThrows(NoTransportException.class, () -> Transports.provider("chronicle"));
        String m = e.getMessage();
        assertTrue(m.contains("'chronicle'"), m);
        assertTrue(m.contains("[high, low]"), m);
        assertTrue(m.contains("unavailable cannot run here"), m);
        assertTrue(m.contains("needs a native library"), m);
        assertTrue(m.contains("broken on purpose"), m);
        assertTrue(m.contains("mp4j-transport-netty"), m);
    }

    @Test
    void aProviderBuiltForAnotherSpiVersionIsReportedAndNeverUsed() {
        NoTransportException e = assertThrows(NoTransportException.class, () -> Transports.provider("future"));
        String m = e.getMessage();
        assertTrue(m.contains("future implements transport SPI version " + (TransportProvider.SPI_VERSION + 1)), m);
        assertTrue(m.contains("this mp4j implements version " + TransportProvider.SPI_VERSION), m);
        assertEquals("high", Transports.defaultName(), "the highest priority compatible provider");
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
