package dev.mp4j.core.manager;

import dev.mp4j.MpException;
import dev.mp4j.core.codec.Codec;
import dev.mp4j.core.net.FramedChannel;
import dev.mp4j.core.net.Sockets;
import dev.mp4j.core.process.ProcessTree;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Iterator;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This JVM's client of one manager: an anchor connection that lives as long as the client and carries reference
 * counts, and one connection per calling thread, made on its first call. The manager drops this client's
 * references when the anchor closes, which the operating system does when this process dies.
 *
 * <p>Keys: a client finds the manager's authkey among those this JVM was given for that address (by
 * {@code Managers.connect} or {@code Managers.serve}, here or in an ancestor that started this process after), else
 * uses the process tree's. The key never travels with a proxy.
 */
final class ManagerClient {
    private static final Map<String, ManagerClient> BY_ADDRESS = new ConcurrentHashMap<>();
    /** Its own, not the one of {@code link.Handles}: a decref writes to the manager's socket, and may wait. */
    private static final Cleaner CLEANER = Cleaner.create();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String address;
    private final byte[] key;
    private final long id = RANDOM.nextLong();
    private final FramedChannel anchor;
    private final ThreadLocal<FramedChannel> mine = new ThreadLocal<>();
    private final Map<Thread, FramedChannel> byThread = new WeakHashMap<>();
    private volatile Throwable gone;

    private ManagerClient(String address, byte[] key) {
        this.address = address;
        this.key = key;
        this.anchor = open(Protocol.ANCHOR);
    }

    /**
     * A new client for {@code address}, which proves {@code key} now; this JVM then remembers the key for the
     * address, and proxies that arrive in messages use this client if there is no other.
     */
    static ManagerClient connect(String address, byte[] key) {
        ManagerClient c = new ManagerClient(address, key.clone());
        ProcessTree.get().rememberKey(address, key);
        synchronized (BY_ADDRESS) {
            ManagerClient old = BY_ADDRESS.get(address);
            if (old == null || old.gone != null) {
                BY_ADDRESS.put(address, c);
            }
        }
        return c;
    }

    /** The client for {@code address}, made on first use with the key this JVM knows for it. */
    static ManagerClient of(String address) {
        ManagerClient c = BY_ADDRESS.get(address);
        if (c != null && c.gone == null) {
            return c;
        }
        synchronized (BY_ADDRESS) {
            c = BY_ADDRESS.get(address);
            if (c == null || c.gone != null) {
                byte[] known = ProcessTree.get().keyFor(address);
                byte[] key = known != null ? known : ProcessTree.get().authkey();
                c = new ManagerClient(address, key);
                BY_ADDRESS.put(address, c);
            }
            return c;
        }
    }

    String address() {
        return address;
    }

    private FramedChannel open(String role) {
        FramedChannel ch = Sockets.connect(address, key);
        try {
            ch.write(Protocol.header(Protocol.HELLO, id, role, 0));
            ch.read();
        } catch (IOException e) {
            ch.close();
            throw goneNow(e);
        }
        return ch;
    }

    private FramedChannel channel() {
        FramedChannel ch = mine.get();
        if (ch != null && ch.isOpen()) {
            return ch;
        }
        if (gone != null) {
            throw gone(gone);
        }
        ch = open(Protocol.THREAD);
        mine.set(ch);
        synchronized (byThread) {
            for (Iterator<Map.Entry<Thread, FramedChannel>> it = byThread.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Thread, FramedChannel> e = it.next();
                if (!e.getKey().isAlive()) {
                    e.getValue().close();
                    it.remove();
                }
            }
            byThread.put(Thread.currentThread(), ch);
        }
        return ch;
    }

    /** Calls a method of object {@code object}; the referent's exception is thrown as itself. */
    Object call(long object, String sig, Object... args) {
        return request(Protocol.CALL, object, sig, encode(args));
    }

    /** As {@link #call}, with arguments already encoded, for calls repeated in slices. */
    Object callEncoded(long object, String sig, byte[][] args) {
        return request(Protocol.CALL, object, sig, args);
    }

    Object make(String kind, Object... args) {
        return request(Protocol.MAKE, 0, kind, encode(args));
    }

    Object get(String name, Class<?> iface) {
        return request(Protocol.GET, 0, name, encode(new Object[] {iface.getName()}));
    }

    void shutdown() {
        request(Protocol.SHUTDOWN, 0, "", new byte[0][]);
    }

    /** Counts a reference in transit, before a proxy is written into a message. */
    void transit(long object) {
        request(Protocol.TRANSIT, object, "", new byte[0][]);
    }

    /** Takes the reference in transit for a proxy just read from a message, and makes the proxy. */
    Object claim(long object, String kind) {
        request(Protocol.CLAIM, object, "", new byte[0][]);
        return proxy(object, kind);
    }

    static byte[][] encode(Object[] args) {
        byte[][] out = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            out[i] = Codec.encode(args[i]);
        }
        return out;
    }

    private Object request(byte op, long object, String sig, byte[][] args) {
        FramedChannel ch = channel();
        byte[][] parts = new byte[1 + 2 * args.length][];
        parts[0] = Protocol.header(op, object, sig, args.length);
        for (int i = 0; i < args.length; i++) {
            parts[1 + 2 * i] = ByteBuffer.allocate(4).putInt(args[i].length).array();
            parts[2 + 2 * i] = args[i];
        }
        byte[] reply;
        try {
            ch.write(parts);
            reply = ch.read();
        } catch (IOException e) {
            ch.close();
            throw goneNow(e);
        }
        switch (reply[0]) {
            case Protocol.OK:
                return reply.length == 1 ? null : Codec.decode(java.util.Arrays.copyOfRange(reply, 1, reply.length));
            case Protocol.OK_OBJECT: {
                ByteBuffer b = ByteBuffer.wrap(reply, 1, reply.length - 1);
                long newId = b.getLong();
                return proxy(newId, new String(reply, 9, reply.length - 9, StandardCharsets.UTF_8));
            }
            default:
                throw Rethrow.<RuntimeException>sneaky(remote((Throwable) Codec.decode(
                        java.util.Arrays.copyOfRange(reply, 1, reply.length))));
        }
    }

    /**
     * The referent's own exception, its stack trace the manager's; where it has no cause, the manager's trace
     * becomes the cause and the exception gets this thread's trace, as {@code RemoteException} does for pools.
     */
    private Throwable remote(Throwable t) {
        if (t.getCause() == null) {
            MpException where = new MpException("thrown in the manager at " + address);
            where.setStackTrace(t.getStackTrace());
            try {
                t.initCause(where);
                t.setStackTrace(new Throwable().getStackTrace());
            } catch (IllegalStateException | IllegalArgumentException ignored) {
                // the exception fixed its cause itself; keep the manager's trace
            }
        }
        return t;
    }

    /** A proxy counted for this client, dropped from the count when it becomes unreachable here. */
    Object proxy(long object, String kind) {
        Object p = Proxies.make(this, object, kind);
        CLEANER.register(p, () -> decref(object));
        return p;
    }

    private void decref(long object) {
        if (gone != null) {
            return;
        }
        try {
            anchor.write(Protocol.header(Protocol.DECREF, object, "", 0));
        } catch (IOException e) {
            goneNow(e);
        }
    }

    private MpException goneNow(Throwable cause) {
        if (gone == null) {
            gone = cause;
            if (anchor != null) {
                anchor.close();
            }
        }
        return gone(cause);
    }

    private MpException gone(Throwable cause) {
        return new MpException("the manager at " + address + " is gone (shut down, killed or unreachable): " + cause,
                cause);
    }

    /** Closes this JVM's connections to the manager; its proxies then throw. */
    void disconnect() {
        goneNow(new IOException("disconnected by this process"));
        synchronized (byThread) {
            byThread.values().forEach(FramedChannel::close);
            byThread.clear();
        }
        BY_ADDRESS.remove(address, this);
    }
}
