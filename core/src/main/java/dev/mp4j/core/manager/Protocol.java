package dev.mp4j.core.manager;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * The frames between a manager's clients and its server. A request is
 * {@code [op][objectId: 8][sig length: 2][sig: UTF-8][argc: 1]([length: 4][payload])*}, each payload made by
 * {@link dev.mp4j.core.codec.Codec}; a reply is {@code [status][payload]}. Only {@link #DECREF} has no reply.
 */
final class Protocol {
    /** Calls the method named by sig on an object; args are its arguments. */
    static final byte CALL = 1;
    /** Makes an object: sig is its {@link Kind}'s name, args its constructor's arguments. */
    static final byte MAKE = 2;
    /** Finds an exposed object: sig is its name, the one arg the interface's name. */
    static final byte GET = 3;
    /** Counts one reference in transit, for a proxy being serialized. */
    static final byte TRANSIT = 4;
    /** Moves one reference in transit to this client, for a proxy deserialized. */
    static final byte CLAIM = 5;
    /** Drops one of this client's references; no reply. */
    static final byte DECREF = 6;
    /** The first request of a connection: objectId is the client's id, sig says whether this is its anchor. */
    static final byte HELLO = 7;
    static final byte SHUTDOWN = 8;

    static final byte OK = 0;
    /** A new object counted for this client: {@code [id: 8][kind name: UTF-8]}. */
    static final byte OK_OBJECT = 1;
    static final byte THREW = 2;

    static final String ANCHOR = "anchor";
    static final String THREAD = "thread";

    private Protocol() {}

    static byte[] header(byte op, long id, String sig, int argc) {
        byte[] s = sig.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 8 + 2 + s.length + 1).put(op).putLong(id).putShort((short) s.length).put(s)
                .put((byte) argc).array();
    }

    /** The name a method is called by over the wire: its name and parameter types, as in Java source. */
    static String sig(Method m) {
        StringJoiner j = new StringJoiner(",", m.getName() + "(", ")");
        for (Class<?> p : m.getParameterTypes()) {
            j.add(p.getName());
        }
        return j.toString();
    }

    static String sig(Class<?> iface, String name, Class<?>... params) {
        try {
            return sig(iface.getMethod(name, params));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(iface.getName() + " has no method " + name, e);
        }
    }

    static byte[] objectReply(long id, String kind) {
        byte[] k = kind.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 8 + k.length).put(OK_OBJECT).putLong(id).put(k).array();
    }
}
