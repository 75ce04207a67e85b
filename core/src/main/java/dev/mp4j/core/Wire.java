package dev.mp4j.core;

import java.nio.ByteBuffer;

/**
 * The layout of the runtime's frames, the one place that knows it. Every frame is an op byte, three long
 * arguments and an optional payload:
 *
 * <pre>
 * offset 0   op      (byte)
 * offset 1   x       (long)   usually an object id, a request id or a copy id
 * offset 9   y       (long)
 * offset 17  z       (long)
 * offset 25  payload (the rest)
 * </pre>
 *
 * A fixed header keeps parsing branch-free; the 16 bytes it sometimes wastes cost less than the branch.
 */
final class Wire {
    static final int HEADER = 25;
    private static final int X = 1;
    private static final int Y = 9;
    private static final int Z = 17;

    // authentication, before anything else on a link (Handshake)
    static final byte AUTH_CHALLENGE = 1;
    static final byte AUTH_RESPONSE = 2;
    static final byte AUTH_WELCOME = 3;
    static final byte AUTH_FAILURE = 4;

    // calls: x = request id
    static final byte REPLY = 10;   // owner -> client: y = status, z = value, payload
    static final byte CANCEL = 11;  // client -> owner: x = request id, y = object id
    static final byte SYNC = 12;    // client -> owner: x = request id; replied once all earlier frames are handled

    // pipes, client -> owner. copy key = copyId * 2 + end
    static final byte PIPE_ATTACH = 20;  // x = pipe, y = token, z = copy key
    static final byte PIPE_SEND = 21;    // x = pipe, y = sending end, payload
    static final byte PIPE_DEMAND = 22;  // x = pipe, y = count, z = copy key
    static final byte PIPE_RETURN = 23;  // x = pipe, y = end, payload: an unread message goes back to the front
    static final byte PIPE_DETACH = 24;  // x = pipe, z = copy key
    static final byte PIPE_PENDING = 25; // x = pipe, y = token, z = end + (2 if released)
    // pipes, owner -> client
    static final byte PIPE_DELIVER = 30;     // x = copy id, payload
    static final byte PIPE_EOF = 31;         // x = copy id: the demand is answered with end of stream
    static final byte PIPE_PEER_CLOSED = 32; // x = copy id: every copy of the other end is closed

    // queues, client -> owner
    static final byte Q_PUT = 40;       // x = queue, payload; no reply (unbounded queues)
    static final byte Q_PUT_CALL = 41;  // x = queue, y = request, z = wait?1:0, payload -> REPLY OK / FALSE
    static final byte Q_GET = 42;       // x = queue, y = request, z = wait?1:0 -> REPLY OK + item / FALSE
    static final byte Q_SIZE = 43;      // x = queue, y = request -> REPLY OK, z = size
    static final byte Q_TASK_DONE = 44; // x = queue, y = request -> REPLY OK / ERROR
    static final byte Q_JOIN = 45;      // x = queue, y = request -> REPLY OK once nothing is unfinished

    // reply statuses
    static final long OK = 0;
    static final long FALSE = 1;
    static final long CANCELLED = 2;
    static final long ERROR = 3;

    private Wire() {}

    static ByteBuffer frame(byte op, long x, long y, long z) {
        return header(op, x, y, z, 0).flip();
    }

    static ByteBuffer frame(byte op, long x, long y, long z, byte[] payload) {
        return header(op, x, y, z, payload.length).put(payload).flip();
    }

    private static ByteBuffer header(byte op, long x, long y, long z, int payloadLength) {
        return ByteBuffer.allocate(HEADER + payloadLength).put(op).putLong(x).putLong(y).putLong(z);
    }

    static byte op(ByteBuffer f) {
        return f.get(f.position());
    }

    static long x(ByteBuffer f) {
        return f.getLong(f.position() + X);
    }

    static long y(ByteBuffer f) {
        return f.getLong(f.position() + Y);
    }

    static long z(ByteBuffer f) {
        return f.getLong(f.position() + Z);
    }

    /** @return a copy of the payload; the frame's buffer is only valid during the callback */
    static byte[] payload(ByteBuffer f) {
        byte[] p = new byte[f.remaining() - HEADER];
        f.get(f.position() + HEADER, p);
        return p;
    }

    static boolean wellFormed(ByteBuffer f) {
        return f.remaining() >= HEADER;
    }
}
