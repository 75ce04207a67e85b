package dev.mp4j.core.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

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
 */
record Assignment(String name, String identity, boolean daemon, byte[] task) {
    private static final int MAGIC = 0x4D50344B; // "MP4K"

    void writeTo(OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeInt(MAGIC);
        writeString(out, name);
        writeString(out, identity);
        out.writeBoolean(daemon);
        writeBytes(out, task);
        out.flush();
    }

    static Assignment readFrom(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(is);
        if (in.readInt() != MAGIC) {
            throw new IOException("corrupt assignment from the parent");
        }
        return new Assignment(readString(in), readString(in), in.readBoolean(), readBytes(in));
    }
}
