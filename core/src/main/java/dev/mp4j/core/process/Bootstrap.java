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
 * What a parent tells a new child over the child's standard input, the private channel no other process
 * sees: the tree's authkey, the transport, who the child and its parent are, the parent's {@code mp4j.*}
 * properties, and the task. Never in the command line or environment, which other users can read.
 */
record Bootstrap(byte[] authkey, String transport, String name, String identity, boolean daemon,
                 String parentName, long parentPid, boolean parentDaemon, Map<String, String> properties, byte[] task) {
    private static final int MAGIC = 0x4D50344A; // "MP4J"
    private static final int VERSION = 1;

    void writeTo(OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        writeBytes(out, authkey);
        writeString(out, transport);
        writeString(out, name);
        writeString(out, identity);
        out.writeBoolean(daemon);
        writeString(out, parentName);
        out.writeLong(parentPid);
        out.writeBoolean(parentDaemon);
        out.writeInt(properties.size());
        for (Map.Entry<String, String> e : properties.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        writeBytes(out, task);
        out.flush();
    }

    static Bootstrap readFrom(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(is);
        if (in.readInt() != MAGIC) {
            throw new IOException("standard input does not start with an mp4j bootstrap: "
                    + "dev.mp4j.core.ChildMain is started by mp4j, not by hand");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("bootstrap version " + version + " from the parent; this mp4j reads version "
                    + VERSION + ": parent and child must run the same mp4j");
        }
        byte[] authkey = readBytes(in);
        String transport = readString(in);
        String name = readString(in);
        String identity = readString(in);
        boolean daemon = in.readBoolean();
        String parentName = readString(in);
        long parentPid = in.readLong();
        boolean parentDaemon = in.readBoolean();
        int n = in.readInt();
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            props.put(readString(in), readString(in));
        }
        return new Bootstrap(authkey, transport, name, identity, daemon, parentName, parentPid, parentDaemon, props, readBytes(in));
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt bootstrap: negative length " + n);
        }
        return in.readNBytes(n);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }
}
