package dev.mp4j.runtime;

import dev.mp4j.NoTransportException;
import dev.mp4j.spi.TransportProvider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the runtime and the transports, SLF4J-style: each provider is loaded and probed on its own, so one broken
 * provider never hides the others; a provider built for another {@linkplain TransportProvider#SPI_VERSION SPI
 * version} is reported and skipped; and every failure lists what was found and names the artifact to add.
 *
 * <p>Applications use {@link dev.mp4j.Multiprocessing}; this class is for the runtime (mp4j-core), which looks up
 * the provider its parent named without going back through {@code Multiprocessing}. Thread-safe; the class path is
 * scanned once, on first use.
 */
public final class Transports {
    /** The system property that names the default transport. */
    public static final String TRANSPORT_PROPERTY = "mp4j.transport";
    /** The environment variable that names the default transport, when the property does not. */
    public static final String TRANSPORT_ENV = "MP4J_TRANSPORT";
    private static final String TRANSPORT_ARTIFACTS =
            "add a transport to the class path, e.g. dev.mp4j:mp4j-transport-shm (the default) or dev.mp4j:mp4j-transport-netty";

    private static volatile ContextFactory runtime;
    private static volatile Found found;
    /** The provider each name resolved to, so that a name always means the same instance. */
    private static final Map<String, TransportProvider> named = new ConcurrentHashMap<>();

    private Transports() {}

    /** What the service loader turned up: usable providers by name, and a line for each one that is not. */
    private record Found(Map<String, TransportProvider> available, List<String> problems) {}

    /**
     * @return the runtime (mp4j-core's {@link ContextFactory})
     * @throws NoTransportException if no runtime is on the class path; the message names {@code mp4j-core}
     */
    public static ContextFactory runtime() {
        ContextFactory r = runtime;
        if (r == null) {
            synchronized (Transports.class) {
                r = runtime;
                if (r == null) {
                    runtime = r = loadRuntime();
                }
            }
        }
        return r;
    }

    private static ContextFactory loadRuntime() {
        List<String> problems = new ArrayList<>();
        ContextFactory best = null;
        Iterator<ContextFactory> it = ServiceLoader.load(ContextFactory.class, Transports.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                ContextFactory candidate = it.next();
                if (best == null) {
                    best = candidate;
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                problems.add(withCauses(e));
            }
        }
        if (best == null) {
            throw new NoTransportException("no mp4j runtime on the class path" + (problems.isEmpty() ? "" : " (" + problems + ")")
                    + ": add dev.mp4j:mp4j-core, which every transport artifact brings (" + TRANSPORT_ARTIFACTS + ")");
        }
        return best;
    }

    private static Found found() {
        Found f = found;
        if (f == null) {
            synchronized (Transports.class) {
                f = found;
                if (f == null) {
                    found = f = scan();
                }
            }
        }
        return f;
    }

    private static Found scan() {
        List<TransportProvider> usable = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Iterator<TransportProvider> it = ServiceLoader.load(TransportProvider.class, Transports.class.getClassLoader()).iterator();
        while (true) {
            TransportProvider p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                problems.add("a provider failed to load: " + withCauses(e));
                continue;
            }
            try {
                String incompatible = incompatibility(p);
                if (incompatible != null) {
                    problems.add(incompatible);
                } else if (p.isAvailable()) {
                    usable.add(p);
                } else {
                    problems.add(p.name() + " cannot run here: " + p.unavailabilityCause());
                }
            } catch (RuntimeException | LinkageError e) {
                problems.add(p.getClass().getName() + " failed its availability check: " + withCauses(e));
            }
        }
        usable.sort(Comparator.comparingInt(TransportProvider::priority).reversed());
        Map<String, TransportProvider> byName = new LinkedHashMap<>();
        for (TransportProvider p : usable) {
            byName.putIfAbsent(p.name(), p);
        }
        return new Found(Collections.unmodifiableMap(byName), List.copyOf(problems));
    }

    /** @return why the provider cannot be used with this mp4j, or null if it can */
    private static String incompatibility(TransportProvider p) {
        int version;
        try {
            version = p.spiVersion();
        } catch (AbstractMethodError e) {
            return p.getClass().getName() + " declares no transport SPI version: it was built for an mp4j older than"
                    + " this one, which implements SPI version " + TransportProvider.SPI_VERSION + "; use a build of it"
                    + " made for this mp4j";
        }
        if (version != TransportProvider.SPI_VERSION) {
            return p.name() + " implements transport SPI version " + version + ", but this mp4j implements version "
                    + TransportProvider.SPI_VERSION + "; use a build of " + p.getClass().getName() + " made for this mp4j";
        }
        return null;
    }

    /** @return the names of the transports on the class path that can run here, highest priority first */
    public static Set<String> available() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(found().available().keySet()));
    }

    /**
     * The name of the default transport: in a child, its parent's transport; else the system property
     * {@value #TRANSPORT_PROPERTY}; else the environment variable {@value #TRANSPORT_ENV}; else the available
     * transport with the highest priority.
     *
     * @throws NoTransportException if nothing names one and none is available
     */
    public static String defaultName() {
        Optional<String> inherited = runtimeIfPresent().flatMap(ContextFactory::inheritedTransport);
        if (inherited.isPresent()) {
            return inherited.get();
        }
        String named = System.getProperty(TRANSPORT_PROPERTY);
        if (named == null || named.isBlank()) {
            named = System.getenv(TRANSPORT_ENV);
        }
        if (named != null && !named.isBlank()) {
            return named.trim();
        }
        Found f = found();
        if (f.available().isEmpty()) {
            throw new NoTransportException("no mp4j transport can run here" + describe(f) + ": " + TRANSPORT_ARTIFACTS);
        }
        String chosen = f.available().keySet().iterator().next();
        if (!chosen.equals(loggedChoice)) {
            loggedChoice = chosen;
            System.getLogger(Transports.class.getName()).log(System.Logger.Level.DEBUG, () -> "transport " + chosen
                    + ": the available one with the highest priority of " + f.available().keySet()
                    + " (-D" + TRANSPORT_PROPERTY + " or " + TRANSPORT_ENV + " names another)");
        }
        return chosen;
    }

    /** The default transport last logged: the choice is logged once, not at every context asked for. */
    private static volatile String loggedChoice;

    /** The runtime if one is on the class path; its absence is reported later, where a context is asked for. */
    private static Optional<ContextFactory> runtimeIfPresent() {
        try {
            return Optional.of(runtime());
        } catch (NoTransportException e) {
            return Optional.empty();
        }
    }

    /**
     * The named provider, probing no other: a child asks for its parent's transport by name, and should not pay for
     * probing the rest (Netty's probe alone loads its native library and a few hundred classes).
     *
     * @return the available provider of that name with the highest priority, or null if there is none or one failed
     *         to load, which the full scan then reports
     */
    private static TransportProvider probeOnly(String name) {
        TransportProvider best = null;
        Iterator<TransportProvider> it = ServiceLoader.load(TransportProvider.class, Transports.class.getClassLoader()).iterator();
        try {
            while (it.hasNext()) {
                TransportProvider p = it.next();
                if (name.equals(p.name()) && incompatibility(p) == null && p.isAvailable()
                        && (best == null || p.priority() > best.priority())) {
                    best = p;
                }
            }
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            return null;
        }
        return best;
    }

    /**
     * @return the available provider with this name
     * @throws NoTransportException if there is none; the message lists what was found and what could not be used
     */
    public static TransportProvider provider(String name) {
        TransportProvider p = named.get(name);
        if (p != null) {
            return p;
        }
        Found f = found;
        p = f != null ? f.available().get(name) : probeOnly(name);
        if (p != null) {
            TransportProvider first = named.putIfAbsent(name, p);
            return first != null ? first : p;
        }
        f = found();
        p = f.available().get(name);
        if (p == null) {
            throw new NoTransportException("no available mp4j transport named '" + name + "'" + describe(f)
                    + ": " + TRANSPORT_ARTIFACTS + ", or name one of those available (system property "
                    + TRANSPORT_PROPERTY + ", environment variable " + TRANSPORT_ENV + ")");
        }
        return p;
    }

    static String withCauses(Throwable t) {
        StringBuilder sb = new StringBuilder(t.toString());
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(", caused by ").append(c);
        }
        return sb.toString();
    }

    private static String describe(Found f) {
        StringBuilder sb = new StringBuilder(" (available: ").append(f.available().keySet());
        if (!f.problems().isEmpty()) {
            sb.append("; not usable: ").append(String.join("; ", f.problems()));
        }
        return sb.append(')').toString();
    }
}
