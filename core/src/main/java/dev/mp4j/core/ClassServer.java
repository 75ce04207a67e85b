package dev.mp4j.core;

import dev.mp4j.MpException;
import dev.mp4j.core.codec.ClassSource;
import dev.mp4j.core.link.Caller;
import dev.mp4j.core.link.Kind;
import dev.mp4j.core.link.Node;
import dev.mp4j.core.link.Owned;
import dev.mp4j.core.link.Peer;
import dev.mp4j.core.link.Reply;
import dev.mp4j.core.link.Wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * This process as the {@link ClassSource} of the classes it sends that come from no file (a JShell snippet's, a class
 * made at run time): on the first such class, it serves class files on the node of a context it has open, and names
 * that node in its annotations; it answers a request with the class file that the loaders of the classes it sent
 * serve as a resource (each loader's, which delegates to its parents as it does for its classes), and nothing else. Found with {@link java.util.ServiceLoader}.
 *
 * <p>An annotation names the loader too: two loaders may each define a class of the same name (a code generator
 * that makes a loader per script), and a process must get the one that was sent, never the other.
 *
 * <pre>
 * FETCH   x = server, y = request, z = loader, payload = binary name (UTF-8) -> OK, payload = class file; or ERROR
 * </pre>
 */
public final class ClassServer implements ClassSource {
    static final Kind KIND = new Kind(3, "class files", ClassServer::orphan);
    static final byte FETCH = KIND.op(0);

    private static final String SEP = "|";
    private static final String IDENTIFIER = "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*";
    private static final Pattern BINARY_NAME = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")*");
    private static final int MAX_NAME_CHARS = 1024;

    /** How long a process waits for a class file before it gives up on the class. */
    private static final long FETCH_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(Long.getLong("mp4j.syncTimeoutSeconds", 30));

    /** The loaders of the classes this process annotated, by their ids: the only places it serves class files from. */
    private final Map<ClassLoader, Long> ids = new WeakHashMap<>();
    private final Map<Long, WeakReference<ClassLoader>> loaders = new HashMap<>();
    private long lastLoaderId;
    private final ClassValue<Annotated> annotations = new ClassValue<>() {
        @Override
        protected Annotated computeValue(Class<?> type) {
            Served where = served();
            return new Annotated(where, where.annotation() + SEP + loaderId(type.getClassLoader()));
        }
    };
    private volatile Served served;

    /** @param annotation where this process serves class files, without the loader */
    private record Served(Node node, String annotation) {}

    private record Annotated(Served where, String words) {}

    /** For {@link java.util.ServiceLoader}. */
    public ClassServer() {}

    @Override
    public String annotate(Class<?> type) {
        try {
            Annotated a = annotations.get(type);
            if (a.where().node().isClosed()) {
                annotations.remove(type); // made for a context that was closed since: serve on an open one
                a = annotations.get(type);
            }
            return a.words();
        } catch (RuntimeException e) {
            return ""; // the class goes unannotated: a process without it says it cannot find it, as before
        }
    }

    private synchronized long loaderId(ClassLoader loader) {
        return ids.computeIfAbsent(loader, l -> {
            long id = ++lastLoaderId;
            loaders.put(id, new WeakReference<>(l));
            return id;
        });
    }

    private synchronized ClassLoader loader(long id) throws IOException {
        WeakReference<ClassLoader> ref = loaders.get(id);
        ClassLoader l = ref == null ? null : ref.get();
        if (l == null) {
            throw new IOException("the loader of the class that was sent is gone from the process that sent it");
        }
        return l;
    }

    private synchronized Served served() {
        Served s = served;
        if (s != null && !s.node().isClosed()) {
            return s;
        }
        Node node = CoreRuntime.get().anyContext().node();
        node.serve(KIND);
        ClassFiles files = node.register(KIND, ClassFiles::new);
        s = new Served(node, node.transportName() + SEP + node.address() + SEP + files.id);
        served = s;
        return s;
    }

    /** transport|address|server|loader, split at the first and the last two separators (an address may hold one). */
    private record Annotation(String transport, String address, long server, long loader) {
        static Annotation parse(String words) throws IOException {
            int first = words.indexOf(SEP);
            int last = words.lastIndexOf(SEP);
            int middle = last <= 0 ? -1 : words.lastIndexOf(SEP, last - 1);
            if (first < 0 || middle <= first) {
                throw new IOException("'" + words + "' does not name a process that serves class files");
            }
            try {
                return new Annotation(words.substring(0, first), words.substring(first + 1, middle),
                        Long.parseLong(words.substring(middle + 1, last)), Long.parseLong(words.substring(last + 1)));
            } catch (NumberFormatException e) {
                throw new IOException("'" + words + "' does not name a process that serves class files", e);
            }
        }
    }

    @Override
    public Class<?> ownClass(String annotation, String name) {
        try {
            Annotation a = Annotation.parse(annotation);
            Served s = served;
            if (s == null || !s.node().isOwnAddress(a.address())) {
                return null;
            }
            return Class.forName(name, false, loader(a.loader()));
        } catch (IOException | ClassNotFoundException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    @Override
    public byte[] classFile(String annotation, String name) throws IOException {
        Annotation a = Annotation.parse(annotation);
        try {
            Node node = CoreRuntime.get().context(a.transport()).node();
            Peer peer = node.peer(a.address());
            long request = peer.newRequestId();
            CompletableFuture<Reply> reply = peer.expect(request);
            peer.send(Wire.frame(FETCH, a.server(), request, a.loader(), name.getBytes(StandardCharsets.UTF_8)));
            Reply r = peer.await(reply, request, a.server(), FETCH_TIMEOUT_NANOS);
            if (r.status() == Wire.CANCELLED) {
                throw new IOException("it did not answer within " + TimeUnit.NANOSECONDS.toSeconds(FETCH_TIMEOUT_NANOS)
                        + " s (mp4j.syncTimeoutSeconds)");
            }
            if (r.status() != Wire.OK) {
                throw new IOException(r.message());
            }
            return r.payload();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while it waited for the class file", e);
        } catch (MpException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** @return the class file that the loader with that id has for {@code name} */
    private byte[] read(String name, long loaderId) throws IOException {
        if (name.length() > MAX_NAME_CHARS || !BINARY_NAME.matcher(name).matches()) {
            throw new IOException("'" + name + "' is not a class name");
        }
        try (InputStream in = loader(loaderId).getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IOException("the process that sent it has no class file for " + name);
            }
            return in.readAllBytes();
        }
    }

    private static void orphan(Caller from, byte op, ByteBuffer f) {
        from.replyError(Wire.y(f), "this process serves class files no more: the context that served them was closed");
    }

    private final class ClassFiles implements Owned {
        private final long id;

        ClassFiles(long id) {
            this.id = id;
        }

        @Override
        public Kind kind() {
            return KIND;
        }

        @Override
        public void onFrame(Caller from, byte op, ByteBuffer f) {
            long request = Wire.y(f);
            if (op != FETCH) {
                from.replyError(request, "op " + op + " is no class-file op");
                return;
            }
            try {
                byte[] file = read(new String(Wire.payload(f), StandardCharsets.UTF_8), Wire.z(f));
                if (file.length > from.maxPayloadBytes()) {
                    from.replyError(request, "its class file (" + file.length + " bytes) is longer than the link"
                            + " carries (" + from.maxPayloadBytes() + ")");
                    return;
                }
                from.reply(request, Wire.OK, 0, file);
            } catch (IOException | RuntimeException e) {
                from.replyError(request, e.getMessage());
            }
        }
    }
}
