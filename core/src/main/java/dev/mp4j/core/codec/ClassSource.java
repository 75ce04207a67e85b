package dev.mp4j.core.codec;

import java.io.IOException;

/**
 * Where the class file of a class another process cannot find can be had: the process that wrote the object. The
 * codec annotates each class that came from a class loader of its own (a JShell snippet's, a class made at run time,
 * a loader the class path does not show) with the words this source gives, and a process that cannot find such a
 * class on its class path asks the source those words name, as RMI's codebase annotation does. The runtime's is found
 * with {@link java.util.ServiceLoader}; {@code -Dmp4j.fetchClasses=false} turns fetching off.
 */
public interface ClassSource {
    /**
     * Called as an object of {@code type} is written; must be fast after the first call for its loader, and must not
     * throw.
     *
     * @return the words that name this process as the source of {@code type}'s class file, which it then serves; an
     *         empty string if it cannot serve it
     */
    String annotate(Class<?> type);

    /**
     * @param annotation what {@link #annotate} gave in the process that wrote the object
     * @return the class itself, if this process is the one that annotated it (an object that came back): a second
     *         definition of it would be another class; null otherwise
     */
    Class<?> ownClass(String annotation, String name);

    /**
     * Fetches a class file; blocks until the source answers, or for a bounded time.
     *
     * @param annotation what {@link #annotate} gave in the process that wrote the object
     * @param name       the class's binary name
     * @return the class file
     * @throws IOException if the source is gone or does not have it; the message says which
     */
    byte[] classFile(String annotation, String name) throws IOException;
}
