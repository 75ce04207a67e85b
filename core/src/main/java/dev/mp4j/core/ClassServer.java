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
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * This process as the {@link ClassSource} of the classes it sends that come from no file (a JShell snippet's, a class
 * made at run time): on the first such class, it serves class files on the node of a context it has open, and names
 * that node in its annotations; it answers a request with the class file that the loaders of the classes it sent
 * serve as a resource, and nothing else. Found with {@link java.util.ServiceLoader}.
 *
 * <pre>
 * FETCH   x = server, y = request, payload = binary name (UTF-8) -> OK, payload = class file; or ERROR, why
 * </pre>
 */
public final class ClassServer implements ClassSource {
    static final Kind KIND = new Kind(3, "class files", ClassServer::orphan);
    static final byte FETCH = KIND.op(0);

    private static final String SEP = "|";
    private static final String IDENTIFIER = "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*";
    private static final Pattern BINARY_NAME = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")*");
    private static final int MAX_NAME_CHARS = 1024;

    /** The loaders of the classes this process annotated: the only places it serves class files from. */
    private final Set<ClassLoader> loaders = Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));
    private volatile Served served;

    private record Served(Node node, String annotation) {}

    /** For {@link java.util.ServiceLoader}. */
    public ClassServer() {}

    @Override
    public String annotate(Class<?> type) {
        try {
            loaders.add(type.getClassLoader());
            Served s = served;
            return (s != null && !s.node().isClosed() ? s : serve()).annotation();
        } catch (RuntimeException e) {
            return ""; // the class goes unannotated: a process without it says it cannot find it, as before
        }
    }

    private synchronized Served serve() {
        Served s = served;
        if (s != null && !s.node().isClosed()) {
            return s;
        }
        CoreContext context = CoreRuntime.get().anyContext();
        Node node = context.node();
        node.serve(KIND);
        ClassFiles files = node.register(KIND, ClassFiles::new);
        s = new Served(node, context.transport() + SEP + files.id + SEP + node.address());
        served = s;
        return s;
    }

    @Override
    public byte[] classFile(String annotation, String name) throws IOException {
        int first = annotation.indexOf(SEP);
        int second = first < 0 ? -1 : annotation.indexOf(SEP, first + 1);
        if (second < 0) {
            throw new IOException("'" + annotation + "' does not name a process that serves class files");
        }
        try {
            long id = Long.parseLong(annotation.substring(first + 1, second));
            Node node = CoreRuntime.get().context(annotation.substring(0, first)).node();
            String address = annotation.substring(second + 1);
            if (node.isOwnAddress(address)) {
                return read(name);
            }
            Peer peer = node.peer(address);
            long request = peer.newRequestId();
            Reply r = peer.call(request, Wire.frame(FETCH, id, request, 0, name.getBytes(StandardCharsets.UTF_8)));
            if (r.status() != Wire.OK) {
                throw new IOException(r.message());
            }
            return r.payload();
        } catch (MpException | NumberFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** @return the class file that one of the loaders of the classes this process sent has for {@code name} */
    private byte[] read(String name) throws IOException {
        if (name.length() > MAX_NAME_CHARS || !BINARY_NAME.matcher(name).matches()) {
            throw new IOException("'" + name + "' is not a class name");
        }
        String resource = name.replace('.', '/') + ".class";
        List<ClassLoader> from;
        synchronized (loaders) {
            from = List.copyOf(loaders);
        }
        for (ClassLoader loader : from) {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in != null) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IOException("the process that sent it has no class file for " + name);
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
                byte[] file = read(new String(Wire.payload(f), StandardCharsets.UTF_8));
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
