package dev.mp4j.core.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

import static dev.mp4j.core.process.Bootstrap.Wire.readBytes;
import static dev.mp4j.core.process.Bootstrap.Wire.readString;
import static dev.mp4j.core.process.Bootstrap.Wire.writeBytes;
import static dev.mp4j.core.process.Bootstrap.Wire.writeString;

/**
 * What a parent tells a child after its {@link Bootstrap}, over the same standard input: who the child is (name,
 * identity in the tree, whether it is a daemon) and its task. A cold child gets it at once; a spare when it is taken.
 * A spare's JVM may have started before a property changed, so whichever {@code mp4j.*} property differs from those
 * it booted with is not given to a spare in the first place: {@link Spares} only hands out spares booted with this
 * process's current properties.
 *
 * <p>It also carries the keys of the managers the parent connected to or serves by address
 * ({@link ProcessTree#rememberKey}), so that a proxy its task captured can reach its manager: over this private
 * channel only, as the tree's authkey travels.
 */
record Assignment(String name, String identity, boolean daemon, byte[] task, Map<String, byte[]> keys) {
    private static final int MAGIC = 0x4D50344B; // "MP4K"

    void writeTo(OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeInt(MAGIC);
        writeString(out, name);
        writeString(out, identity);
        out.writeBoolean(daemon);
        writeBytes(out, task);
        out.writeInt(keys.size());
        for (Map.Entry<String, byte[]> k : keys.entrySet()) {
            writeString(out, k.getKey());
            writeBytes(out, k.getValue());
        }
        out.flush();
    }

    static Assignment readFrom(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(is);
        if (in.readInt() != MAGIC) {
            throw new IOException("corrupt assignment from the parent");
        }
        String name = readString(in);
        String identity = readString(in);
        boolean daemon = in.readBoolean();
        byte[] task = readBytes(in);
        int n = in.readInt();
        if (n < 0 || n > 10_000) {
            throw new IOException("corrupt assignment from the parent: " + n + " keys");
        }
        Map<String, byte[]> keys = new HashMap<>();
        for (int i = 0; i < n; i++) {
            keys.put(readString(in), readBytes(in));
        }
        return new Assignment(name, identity, daemon, task, keys);
    }
}
