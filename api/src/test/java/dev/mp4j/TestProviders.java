package dev.mp4j;

import dev.mp4j.spi.Transport;
import dev.mp4j.spi.TransportProvider;

import java.io.IOException;
import java.util.List;

/** Transport providers that exercise discovery: they are never opened. */
final class TestProviders {
    private TestProviders() {}

    abstract static class Base implements TransportProvider {
        @Override public int spiVersion() { return SPI_VERSION; }
        @Override public boolean isAvailable() { return true; }
        @Override public Throwable unavailabilityCause() { return null; }
        @Override public List<String> childJvmArgs() { return List.of(); }
        @Override public Transport open() throws IOException { throw new IOException("discovery tests never open a transport"); }
    }

    public static final class Low extends Base {
        @Override public String name() { return "low"; }
        @Override public int priority() { return 1; }
    }

    public static final class High extends Base {
        @Override public String name() { return "high"; }
        @Override public int priority() { return 10; }
    }

    /** Cannot run here, and says why. */
    public static final class Unavailable extends Base {
        @Override public String name() { return "unavailable"; }
        @Override public int priority() { return 100; }
        @Override public boolean isAvailable() { return false; }
        @Override public Throwable unavailabilityCause() { return new UnsupportedOperationException("needs a native library"); }
    }

    /** Fails while the service loader instantiates it. */
    public static final class Broken extends Base {
        public Broken() { throw new IllegalStateException("broken on purpose"); }
        @Override public String name() { return "broken"; }
        @Override public int priority() { return 1000; }
    }

    /** Built against a future SPI: available, highest priority, and still never used. */
    public static final class FromTheFuture extends Base {
        @Override public int spiVersion() { return SPI_VERSION + 1; }
        @Override public String name() { return "future"; }
        @Override public int priority() { return 10_000; }
    }
}
