package dev.mp4j.core.process;

import dev.mp4j.MpException;
import dev.mp4j.Multiprocessing;

import java.io.File;
import java.io.IOException;
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

    private ChildClassPath() {}

    /** @return the class path children get now */
    static String current() {
        String set = System.getProperty(PROPERTY);
        if (set != null && !set.isBlank()) {
            return set;
        }
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(e);
            }
        }
        addLoaders(entries, Thread.currentThread().getContextClassLoader());
        addLoaders(entries, ChildClassPath.class.getClassLoader());
        addLocation(entries, ChildMain.class);
        addLocation(entries, Multiprocessing.class);
        return String.join(File.pathSeparator, entries);
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
