package dev.mp4j;

import dev.mp4j.spi.ContextFactory;
import dev.mp4j.spi.TransportProvider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Finds the runtime and the transports, SLF4J-style: each provider is loaded on its own, so one broken
 * provider never hides the others, and every failure says which artifact to add.
 */
final class Discovery {
    static final String TRANSPORT_PROPERTY = "mp4j.transport";
    static final String TRANSPORT_ENV = "MP4J_TRANSPORT";
    private static final String TRANSPORT_ARTIFACTS =
            "add a transport to the class path, e.g. dev.mp4j:mp4j-transport-netty";

    private static volatile ContextFactory runtime;
    private static volatile Found found;

    private Discovery() {}

    /** What the service loader turned up: usable providers by name, and a line for each one that is not. */
    private record Found(Map<String, TransportProvider> available, List<String> problems) {}

    static ContextFactory runtime() {
        ContextFactory r = runtime;
        if (r == null) {
            synchronized (Discovery.class) {
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
        Iterator<ContextFactory> it = ServiceLoader.load(ContextFactory.class, Discovery.class.getClassLoader()).iterator();
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
            synchronized (Discovery.class) {
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
        Iterator<TransportProvider> it = ServiceLoader.load(TransportProvider.class, Discovery.class.getClassLoader()).iterator();
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
                if (p.isAvailable()) {
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

    static Set<String> availableTransports() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(found().available().keySet()));
    }

    static String defaultTransport() {
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
        return f.available().keySet().iterator().next();
    }

    static TransportProvider provider(String name) {
        Found f = found();
        TransportProvider p = f.available().get(name);
        if (p == null) {
            throw new NoTransportException("no available mp4j transport named '" + name + "'" + describe(f)
                    + ": " + TRANSPORT_ARTIFACTS + ", or name one of those available (system property "
                    + TRANSPORT_PROPERTY + ", environment variable " + TRANSPORT_ENV + ")");
        }
        return p;
    }

    static Context context(String name) {
        return runtime().sharedContext(provider(name));
    }

    private static String withCauses(Throwable t) {
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
