package dev.mp4j.core.codec;

import java.io.IOException;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.security.CodeSource;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Classes a process cannot find on its class path, defined from the class files the process that wrote them serves.
 * This is how a lambda typed into JShell, or a class a program made at run time, runs in a child: the writer annotates
 * the class (see {@link ClassSource}), and the reader, when the class is nowhere on its class path, fetches its class
 * file over the tree's authenticated link and defines it in a loader kept for that source, so that the classes it
 * refers to come from there too.
 *
 * <p>A class is annotated only when it came from no file or jar (its loader gave it no such code source): classes on a
 * class path cost nothing, and their streams are those of plain Java serialization. Fetching trusts the writer as
 * far as deserializing its objects already does: it is a process of the same tree, which proved the tree's key. It can
 * be turned off with {@code -D}{@value #PROPERTY}{@code =false}, and a missing class is then an error, as before.
 */
final class RemoteClasses {
    /** The system property that turns fetching off, in the processes that have it set to {@code false}. */
    static final String PROPERTY = "mp4j.fetchClasses";

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();
    private static final ClassLoader MP4J = RemoteClasses.class.getClassLoader();
    /**
     * Whether a class came from no file a child's class path could hold: its loader defined it with no code source, or
     * one that is neither a file nor a jar (JShell's snippets, classes made at run time). Asked once per class.
     */
    private static final ClassValue<Boolean> FROM_NO_FILE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            Class<?> t = type;
            while (t.isArray()) {
                t = t.getComponentType();
            }
            ClassLoader loader = t.getClassLoader();
            if (loader == null || loader == PLATFORM || t.isPrimitive()) {
                return false;
            }
            CodeSource code = t.getProtectionDomain().getCodeSource();
            URL at = code == null ? null : code.getLocation();
            return at == null || !("file".equals(at.getProtocol()) || "jar".equals(at.getProtocol()));
        }
    };

    /**
     * The loader of each source, by annotation, held weakly: a long-lived process that receives classes from many
     * short-lived sources (the workers of a pool whose parent makes a class per job) must not keep them all. A loader is
     * reachable from every class it defined and every object of those classes, so it is let go only once none of them
     * is in use; a class of that source that arrives later is fetched again, into a new loader. An entry whose loader
     * was let go is removed at the next load ({@link #RELEASED}).
     */
    private static final Map<String, Held> LOADERS = new ConcurrentHashMap<>();
    private static final ReferenceQueue<FetchingLoader> RELEASED = new ReferenceQueue<>();

    private RemoteClasses() {}

    /** The runtime's source, found with {@link ServiceLoader} on first need; none if mp4j's core is not there. */
    private static final class Installed {
        static final ClassSource SOURCE = find();

        private static ClassSource find() {
            try {
                return ServiceLoader.load(ClassSource.class, MP4J).findFirst().orElse(null);
            } catch (ServiceConfigurationError e) {
                return null;
            }
        }
    }

    /** @return the annotation to write for {@code type}, or null if it needs none (it is on the class path) */
    static String annotation(Class<?> type) {
        if (!FROM_NO_FILE.get(type)) {
            return null;
        }
        Class<?> t = type;
        while (t.isArray()) {
            t = t.getComponentType();
        }
        if (t.getClassLoader() instanceof FetchingLoader fetched) {
            return fetched.annotation; // passed on as it came: its writer serves it
        }
        ClassSource s = Installed.SOURCE;
        if (s == null) {
            return null;
        }
        String words = s.annotate(type);
        return words == null || words.isEmpty() ? null : words;
    }

    /**
     * @param annotation what the writer annotated the class with
     * @return the class, defined from the class file its writer serves
     * @throws ClassNotFoundException if fetching is off, or the writer cannot give it; the message says why
     */
    static Class<?> load(String annotation, String name) throws ClassNotFoundException {
        ClassSource s = Installed.SOURCE;
        if (s == null || "false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
            throw new ClassNotFoundException(name);
        }
        return load(s, annotation, name);
    }

    /**
     * {@link #load(String, String)} from a given source: the runtime's, or a test's, as the runtime's is found only by
     * {@link ServiceLoader}.
     */
    static Class<?> load(ClassSource source, String annotation, String name) throws ClassNotFoundException {
        Class<?> own = source.ownClass(annotation, name);
        if (own != null) {
            return own;
        }
        return Class.forName(name, false, loader(source, annotation));
    }

    /** @return the live loader of that source, made now if it has none or the one it had was let go */
    private static FetchingLoader loader(ClassSource source, String annotation) {
        for (Reference<? extends FetchingLoader> r; (r = RELEASED.poll()) != null; ) {
            Held released = (Held) r;
            LOADERS.remove(released.annotation, released); // unless a new loader took its place already
        }
        for (;;) {
            Held held = LOADERS.get(annotation);
            FetchingLoader live = held == null ? null : held.get();
            if (live != null) {
                return live;
            }
            // threads that find no live loader may each make one; only the one that takes the entry is used, so
            // that a source never has two live loaders (each would define its own copy of the source's classes)
            FetchingLoader made = new FetchingLoader(annotation, source);
            Held mine = new Held(made);
            if (held == null ? LOADERS.putIfAbsent(annotation, mine) == null : LOADERS.replace(annotation, held, mine)) {
                return made;
            }
        }
    }

    /** @return whether a loader of that source is kept, for tests: one let go is no longer once another load ran */
    static boolean keepsLoaderOf(String annotation) {
        return LOADERS.containsKey(annotation);
    }

    /** A source's loader, held weakly, and the annotation it is kept under, to remove its entry once it is let go. */
    private static final class Held extends WeakReference<FetchingLoader> {
        private final String annotation;

        Held(FetchingLoader loader) {
            super(loader, RELEASED);
            this.annotation = loader.annotation;
        }
    }

    /** The classes of one source: the classes they refer to that the class path lacks come from the same source. */
    private static final class FetchingLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final String annotation;
        private final ClassSource source;

        FetchingLoader(String annotation, ClassSource source) {
            super("mp4j-fetched", MP4J);
            this.annotation = annotation;
            this.source = source;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] file;
            try {
                file = source.classFile(annotation, name);
            } catch (IOException | RuntimeException e) {
                throw new ClassNotFoundException(name + " (the process that sent it could not give its class file: "
                        + e.getMessage() + ")", e);
            }
            try {
                return defineClass(name, file, 0, file.length);
            } catch (LinkageError | SecurityException e) {
                // a malformed file, a class it needs that could not be had: the reader says it cannot decode
                throw new ClassNotFoundException(name + " (its class file from the process that sent it does not"
                        + " define here: " + e + ")", e);
            }
        }
    }
}
