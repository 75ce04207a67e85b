package dev.mp4j.transport.netty;

import dev.mp4j.spi.Transport;

import java.io.IOException;
import java.util.List;

/**
 * The lazy, cached availability probe of one {@link SocketFlavor} for {@link NettyProvider}, the child JVM flags,
 * and opening a {@link NettyTransport}.
 *
 * <p>Loading this class needs no Netty class: Netty is first touched inside {@link #probe()}, which catches every
 * {@link Throwable}, so a class path without Netty (or without its native library) yields
 * {@code isAvailable() == false} with the {@link LinkageError} as the cause, never an exception. Thread-safe.
 */
final class ProviderSupport {
    /** Which flavor to probe; an enum rather than a lambda so nothing links against Netty before the probe. */
    enum Kind { UNIX_DOMAIN, LOOPBACK_TCP }

    private static final List<String> CHILD_JVM_ARGS = Runtime.version().feature() >= 22
            // The epoll native library is loaded with System.load, a restricted method from JDK 22 on; without
            // the flag every child prints a warning (and future JDKs refuse).
            ? List.of("--enable-native-access=ALL-UNNAMED")
            : List.of();

    private final Kind kind;
    private final String providerName;
    // Each written once, the probe at the first isAvailable, the flavor at the first open; a racing second
    // computation gets the same answer, which is harmless.
    private volatile Probe probe;
    private volatile SocketFlavor flavor;

    /** @param cause why the transport cannot run here; null if it can */
    private record Probe(Throwable cause) {}

    ProviderSupport(Kind kind, String providerName) {
        this.kind = kind;
        this.providerName = providerName;
    }

    String providerName() {
        return providerName;
    }

    boolean isAvailable() {
        return probe().cause() == null;
    }

    Throwable unavailabilityCause() {
        return probe().cause();
    }

    List<String> childJvmArgs() {
        return CHILD_JVM_ARGS;
    }

    Transport open() throws IOException {
        Probe p = probe();
        if (p.cause() != null) {
            throw new IOException("the " + providerName + " transport cannot run in this JVM: " + p.cause(), p.cause());
        }
        return NettyTransport.open(providerName, flavor());
    }

    /** Epoll or NIO, chosen at the first open: finding out whether epoll runs loads its native library. */
    private SocketFlavor flavor() throws IOException {
        SocketFlavor f = flavor;
        if (f == null) {
            try {
                f = kind == Kind.UNIX_DOMAIN ? SocketFlavor.unixDomain() : SocketFlavor.loopbackTcp();
            } catch (Throwable t) {
                throw new IOException("the " + providerName + " transport cannot run in this JVM: " + t, t);
            }
            flavor = f;
        }
        return f;
    }

    /** @return how the probe went; for diagnostics, e.g. "epoll Unix domain sockets" once opened */
    String describe() {
        Probe p = probe();
        SocketFlavor f = flavor;
        return p.cause() != null ? "unavailable: " + p.cause()
                : f != null ? f.description() : "available; epoll or NIO is chosen when it opens";
    }

    private Probe probe() {
        Probe p = probe;
        if (p == null) {
            p = runProbe();
            probe = p;
        }
        return p;
    }

    /**
     * Netty 4.2's allocator emits JDK Flight Recorder events; merely registering them starts JFR's machinery,
     * which cost a child JVM about 300 ms before its first frame. mp4j records no such events, so unless the
     * user asked for them ({@code -Dio.netty.jfr.enabled=true}) they are off, before Netty reads the setting.
     */
    private static final String NETTY_JFR_PROPERTY = "io.netty.jfr.enabled";

    private Probe runProbe() {
        if (System.getProperty(NETTY_JFR_PROPERTY) == null) {
            System.setProperty(NETTY_JFR_PROPERTY, "false");
        }
        try {
            SocketFlavor.requireRunnable(kind == Kind.UNIX_DOMAIN);
            return new Probe(null);
        } catch (Throwable t) {
            // Throwable, not Exception: a missing Netty jar shows up as NoClassDefFoundError, a missing native
            // library as UnsatisfiedLinkError, and the provider contract says availability checks never throw.
            return new Probe(t);
        }
    }
}
