package dev.mp4j.core.process;

import dev.mp4j.MpException;
import dev.mp4j.Multiprocessing;

import java.io.File;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class path of a child JVM: where the classes this JVM runs actually are, not only {@code java.class.path}.
 * Under {@code mvn exec:java}, in an IDE's runner or a test framework, the application's classes come from a class
 * loader of the launcher's, and {@code java.class.path} is the launcher's own (for {@code exec:java}, Maven's
 * {@code plexus-classworlds} jar), on which a child finds neither mp4j nor the task.
 *
 * <p>In order, without repeats: {@code java.class.path}; every URL of the {@link URLClassLoader}s from the thread's
 * context class loader and mp4j's own loader up to the system loader; the jar or folder of mp4j's runtime and API
 * classes. {@code -Dmp4j.classpath} replaces all of it. A child whose class path holds no mp4j runtime could not
 * start at all: {@link #check} says so before a JVM is spent on it.
 */
final class ChildClassPath {
    /** The system property that sets a child's class path outright. */
    static final String PROPERTY = "mp4j.classpath";

    private static final ClassLoader OWN = ChildClassPath.class.getClassLoader();

    /**
     * The class path last computed, and what it was computed from. Every start asks for it, a warm one too (whose
     * spare must be on the same class path); with a context loader of a hundred jars, as an IDE's or
     * {@code exec:java}'s, computing it takes some 100 µs, a tenth of handing a task to a spare, and checking what it
     * was computed from takes about a microsecond.
     */
    private static volatile Computed last;

    /**
     * @param context the context class loader it was computed for, held weakly (this must keep no loader alive);
     *                null for none
     * @param urls    how many URLs the URL class loaders of both chains listed: a {@link URLClassLoader} only ever
     *                adds URLs, so the same loaders with as many URLs list the same ones
     */
    private record Computed(String javaClassPath, WeakReference<ClassLoader> context, int urls, String classPath) {
        boolean isFor(String javaClassPath, ClassLoader context, int urls) {
            return this.urls == urls && this.javaClassPath.equals(javaClassPath)
                    && (this.context == null ? context == null : context != null && this.context.refersTo(context));
        }
    }

    private ChildClassPath() {}

    /** @return the class path children get now */
    static String current() {
        String set = System.getProperty(PROPERTY);
        if (set != null && !set.isBlank()) {
            return set;
        }
        String javaClassPath = System.getProperty("java.class.path", "");
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        int urls = urlCount(context) + urlCount(OWN);
        Computed c = last;
        if (c != null && c.isFor(javaClassPath, context, urls)) {
            return c.classPath;
        }
        Set<String> entries = new LinkedHashSet<>();
        for (String e : javaClassPath.split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(e);
            }
        }
        addLoaders(entries, context);
        addLoaders(entries, OWN);
        addLocation(entries, ChildMain.class);
        addLocation(entries, Multiprocessing.class);
        String classPath = String.join(File.pathSeparator, entries);
        last = new Computed(javaClassPath, context == null ? null : new WeakReference<>(context), urls, classPath);
        return classPath;
    }

    /**
     * @throws MpException if a JVM started with this class path could not find mp4j's runtime: the message names the
     *                     class path and what to do
     */
    static void check(String classPath) {
        String runtime = location(ChildMain.class);
        if (runtime == null) {
            return; // a runtime with no file location (a custom loader): nothing to check against
        }
        Path jar = real(Path.of(runtime));
        for (String e : classPath.split(File.pathSeparator)) {
            try {
                if (e.endsWith("*")) {
                    // a folder of jars, which java expands: it holds the runtime if the runtime's jar is in it
                    if (jar.getParent() != null && jar.getParent().equals(real(Path.of(e.substring(0, e.length() - 1))))) {
                        return;
                    }
                } else if (!e.isEmpty() && real(Path.of(e)).equals(jar)) {
                    return;
                }
            } catch (InvalidPathException notAPath) {
                // the JVM ignores it too
            }
        }
        throw new MpException("cannot start a child JVM: its class path does not hold mp4j's runtime ("
                + runtime + "), so it could not run. The class path was -D" + PROPERTY + "=" + classPath
                + "; set -D" + PROPERTY + " to one that holds your classes and their dependencies, mp4j's among them");
    }

    /** @return the path with links resolved where it exists, else made absolute */
    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | RuntimeException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static void addLoaders(Set<String> entries, ClassLoader loader) {
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    String path = path(url);
                    if (path != null) {
                        entries.add(path);
                    }
                }
            }
        }
    }

    private static int urlCount(ClassLoader loader) {
        int n = 0;
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                n += u.getURLs().length;
            }
        }
        return n;
    }

    private static void addLocation(Set<String> entries, Class<?> c) {
        String path = location(c);
        if (path != null) {
            entries.add(path);
        }
    }

    /** @return the absolute path of the jar or folder the class was loaded from, or null if it has none */
    private static String location(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? null : path(source.getLocation());
    }

    private static String path(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI()).toAbsolutePath().normalize().toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
