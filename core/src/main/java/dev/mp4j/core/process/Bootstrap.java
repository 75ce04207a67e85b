package dev.mp4j.core.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a parent tells a new JVM first, over its standard input, the private channel no other process sees: the
 * tree's authkey, the transport, who its parent is, the parent's {@code mp4j.*} properties, and a warm-up task. Never
 * in the command line or environment, which other users can read.
 *
 * <p>The {@link Assignment} (who the child is and its task) follows, at once for a cold child, or when a
 * {@linkplain Spares spare} is taken. The warm-up is empty for a cold child; a spare's connects to its parent over the
 * transport and makes one exchange, so that the classes and the connection the task will need are ready before the
 * task is.
 */
record Bootstrap(byte[] authkey, String transport, String parentName, long parentPid, boolean parentDaemon,
                 Map<String, String> properties, byte[] warmup) {
    private static final int MAGIC = 0x4D50344A; // "MP4J"
    private static final int VERSION = 2;

    void writeTo(OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        Wire.writeBytes(out, authkey);
        Wire.writeString(out, transport);
        Wire.writeString(out, parentName);
        out.writeLong(parentPid);
        out.writeBoolean(parentDaemon);
        Wire.writeProperties(out, properties);
        Wire.writeBytes(out, warmup);
        out.flush();
    }

    static Bootstrap readFrom(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(is);
        if (in.readInt() != MAGIC) {
            throw new IOException("standard input does not start with an mp4j bootstrap: "
                    + "dev.mp4j.core.process.ChildMain is started by mp4j, not by hand");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("bootstrap version " + version + " from the parent; this mp4j reads version "
                    + VERSION + ": parent and child must run the same mp4j");
        }
        return new Bootstrap(Wire.readBytes(in), Wire.readString(in), Wire.readString(in), in.readLong(),
                in.readBoolean(), Wire.readProperties(in), Wire.readBytes(in));
    }

    /** The encoding both halves of a child's start use: lengths first, strings in UTF-8. */
    static final class Wire {
        private Wire() {}

        static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
            out.writeInt(b.length);
            out.write(b);
        }

        static byte[] readBytes(DataInputStream in) throws IOException {
            int n = in.readInt();
            if (n < 0) {
                throw new IOException("corrupt bootstrap: negative length " + n);
            }
            return in.readNBytes(n);
        }

        static void writeString(DataOutputStream out, String s) throws IOException {
            writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
        }

        static String readString(DataInputStream in) throws IOException {
            return new String(readBytes(in), StandardCharsets.UTF_8);
        }

        static void writeProperties(DataOutputStream out, Map<String, String> properties) throws IOException {
            out.writeInt(properties.size());
            for (Map.Entry<String, String> e : properties.entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
        }

        static Map<String, String> readProperties(DataInputStream in) throws IOException {
            int n = in.readInt();
            Map<String, String> props = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                props.put(readString(in), readString(in));
            }
            return props;
        }
    }
}
