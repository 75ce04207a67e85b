package dev.mp4j.core.link;

import java.nio.ByteBuffer;

/**
 * The layout of the runtime's frames, the one place that knows it. Every frame is an op byte, three long arguments
 * and an optional payload:
 *
 * <pre>
 * offset 0   op      (byte)   high four bits: the kind (0 = the link itself); low four bits: the kind's own op
 * offset 1   x       (long)   for an object's op: the object's id in its owner, or the receiver's id in a client
 * offset 9   y       (long)
 * offset 17  z       (long)
 * offset 25  payload (the rest)
 * </pre>
 *
 * The link's own ops (kind 0) are the handshake, replies, cancellation and sync; they are defined here. Every other
 * op belongs to a {@link Kind} of owned object and is defined by that kind, which gives y, z and the payload their
 * meaning: adding a kind changes nothing here. A fixed header keeps parsing branch-free; the bytes it sometimes
 * wastes cost less than the branch.
 */
public final class Wire {
    public static final int HEADER = 25;
    private static final int X = 1;
    private static final int Y = 9;
    private static final int Z = 17;

    // authentication, before anything else on a link (Handshake)
    static final byte AUTH_CHALLENGE = 1;
    static final byte AUTH_RESPONSE = 2;
    static final byte AUTH_WELCOME = 3;
    static final byte AUTH_FAILURE = 4;
    static final byte AUTH_SERVER_PROOF = 5;
    static final byte AUTH_CLIENT_PROOF = 6;

    // calls: x = request id
    static final byte REPLY = 10;   // owner -> client: y = status, z = value, payload
    static final byte CANCEL = 11;  // client -> owner: x = request id, y = object id
    static final byte SYNC = 12;    // client -> owner: x = request id; replied once all earlier frames are handled

    /** Reply statuses. */
    public static final long OK = 0;
    public static final long FALSE = 1;
    public static final long CANCELLED = 2;
    public static final long ERROR = 3;

    private Wire() {}

    /**
     * @param kind a {@link Kind}'s code, 1 to 15
     * @param n    the kind's own op number, 0 to 15
     * @return the op byte
     */
    public static byte op(int kind, int n) {
        if (kind < 1 || kind > 15 || n < 0 || n > 15) {
            throw new IllegalArgumentException("an object op needs a kind of 1..15 and a number of 0..15, not " + kind + "/" + n);
        }
        return (byte) (kind << 4 | n);
    }

    /** @return the kind an op belongs to; 0 for the link's own ops */
    static int kindOf(byte op) {
        return (op & 0xFF) >>> 4;
    }

    public static ByteBuffer frame(byte op, long x, long y, long z) {
        return header(op, x, y, z, 0).flip();
    }

    public static ByteBuffer frame(byte op, long x, long y, long z, byte[] payload) {
        return header(op, x, y, z, payload.length).put(payload).flip();
    }

    private static ByteBuffer header(byte op, long x, long y, long z, int payloadLength) {
        return ByteBuffer.allocate(HEADER + payloadLength).put(op).putLong(x).putLong(y).putLong(z);
    }

    public static byte op(ByteBuffer f) {
        return f.get(f.position());
    }

    public static long x(ByteBuffer f) {
        return f.getLong(f.position() + X);
    }

    public static long y(ByteBuffer f) {
        return f.getLong(f.position() + Y);
    }

    public static long z(ByteBuffer f) {
        return f.getLong(f.position() + Z);
    }

    /** @return a copy of the payload; the frame's buffer is only valid during the callback */
    public static byte[] payload(ByteBuffer f) {
        byte[] p = new byte[f.remaining() - HEADER];
        f.get(f.position() + HEADER, p);
        return p;
    }

    static boolean wellFormed(ByteBuffer f) {
        return f.remaining() >= HEADER;
    }
}
