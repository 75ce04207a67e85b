package dev.mp4j.core.manager;

import dev.mp4j.ManagerOptions;
import dev.mp4j.MpException;
import dev.mp4j.SerializableSupplier;
import dev.mp4j.core.codec.Codec;
import dev.mp4j.core.net.FramedChannel;
import dev.mp4j.core.net.SocketServer;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server side of a manager: its objects by id, how many references each client holds to each, and a thread
 * per connection that runs that connection's calls in order. An object is freed when no client and no message
 * in transit refers to it any longer; a client's references go when its anchor connection ends.
 */
public final class ManagerServer {
    private static final Map<Class<?>, Map<String, Method>> METHODS = new ConcurrentHashMap<>();

    private static final class Entry {
        final Object referent;
        final Kind kind;
        final String kindName;
        final boolean pinned;
        long refs;

        Entry(Object referent, Kind kind, String kindName, boolean pinned) {
            this.referent = referent;
            this.kind = kind;
            this.kindName = kindName;
            this.pinned = pinned;
        }
    }

    private final Map<Long, Entry> objects = new ConcurrentHashMap<>();
    private final Map<String, Long> exposed = new HashMap<>();
    /** Guards every reference count: {@link Entry#refs}, {@link #held} and {@link ServedObject#managedId}. */
    private final Object counts = new Object();
    private final Map<Long, Map<Long, long[]>> held = new HashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Set<FramedChannel> channels = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final SocketServer socket;
    private volatile boolean shutdown;

    private ManagerServer(ManagerOptions options, byte[] key) {
        options.exposed().forEach((name, o) -> {
            Kind kind = o instanceof Map ? Kind.DICT : o instanceof List ? Kind.LIST : Kind.OBJECT;
            exposed.put(name, register(o, kind, kind.name(), true));
        });
        this.socket = SocketServer.listen(options.address(), key, this::serve, "mp4j-manager");
    }

    /** Serves as {@code options} say, under {@code key}, until {@link #shutdown()}. */
    public static ManagerServer start(ManagerOptions options, byte[] key) {
        return new ManagerServer(options, key);
    }

    public String address() {
        return socket.address();
    }

    /** Waits until the server has been shut down. */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /** Stops accepting, closes every connection and drops every object. Idempotent. */
    public void shutdown() {
        if (shutdown) {
            return;
        }
        shutdown = true;
        socket.close();
        channels.forEach(FramedChannel::close);
        objects.clear();
        stopped.countDown();
    }

    private long register(Object referent, Kind kind, String kindName, boolean pinned) {
        long id = ids.incrementAndGet();
        Entry e = new Entry(referent, kind, kindName, pinned);
        synchronized (counts) {
            if (referent instanceof ServedObject so) {
                so.managedId = id;
            }
            objects.put(id, e);
        }
        return id;
    }

    private void serve(FramedChannel ch) {
        channels.add(ch);
        if (shutdown) {
            ch.close();
        }
        long client = 0;
        boolean anchor = false;
        Session session = new Session();
        session.enter();
        try {
            ByteBuffer hello = ByteBuffer.wrap(ch.read());
            if (hello.get() != Protocol.HELLO) {
                return;
            }
            client = hello.getLong();
            anchor = Protocol.ANCHOR.equals(sig(hello));
            ch.write(new byte[] {Protocol.OK});
            while (true) {
                byte[] reply = handle(client, ByteBuffer.wrap(ch.read()));
                if (reply != null) {
                    ch.write(reply);
                }
                if (shutdown) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client is gone, or sent what no client of ours sends: either way this connection is over
        } finally {
            session.end();
            ch.close();
            channels.remove(ch);
            if (anchor) {
                dropClient(client);
            }
        }
    }

    private static String sig(ByteBuffer f) {
        byte[] s = new byte[f.getShort()];
        f.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private byte[] handle(long client, ByteBuffer f) {
        byte op = f.get();
        long id = f.getLong();
        String sig = sig(f);
        int argc = f.get();
        try {
            Object[] args = new Object[argc];
            for (int i = 0; i < argc; i++) {
                byte[] a = new byte[f.getInt()];
                f.get(a);
                args[i] = Codec.decode(a);
            }
            switch (op) {
                case Protocol.CALL:
                    return call(client, entry(id), sig, args);
                case Protocol.MAKE:
                    return sig.equals(Kind.DICT.name()) || sig.equals(Kind.LIST.name()) || sig.equals(Kind.OBJECT.name())
                            ? makeData(client, sig, args) : made(client, make(sig, args));
                case Protocol.GET:
                    return get(client, sig, (String) args[0]);
                case Protocol.TRANSIT:
                    synchronized (counts) {
                        entry(id).refs++;
                    }
                    return new byte[] {Protocol.OK};
                case Protocol.CLAIM:
                    synchronized (counts) {
                        entry(id);
                        held.computeIfAbsent(client, c -> new HashMap<>()).computeIfAbsent(id, i -> new long[1])[0]++;
                    }
                    return new byte[] {Protocol.OK};
                case Protocol.DECREF:
                    decref(client, id);
                    return null;
                case Protocol.SHUTDOWN:
                    shutdown();
                    return new byte[] {Protocol.OK};
                default:
                    throw new MpException("unknown manager request " + op);
            }
        } catch (Throwable t) {
            return threw(t);
        }
    }

    private Entry entry(long id) {
        Entry e = objects.get(id);
        if (e == null) {
            throw new MpException("managed object #" + id + " is gone from the manager at " + address()
                    + ": no process held a proxy for it any longer, or the manager was restarted");
        }
        return e;
    }

    private byte[] call(long client, Entry e, String sig, Object[] args) throws Throwable {
        Method m = methods(e).get(sig);
        if (m == null) {
            throw new UnsupportedOperationException("the managed " + e.kindName + " has no method " + sig);
        }
        Object result;
        try {
            if (e.kind.data) {
                synchronized (e.referent) {
                    result = copyOut(m.invoke(e.referent, args));
                }
            } else {
                result = m.invoke(e.referent, args);
            }
        } catch (InvocationTargetException ite) {
            throw ite.getCause();
        }
        if (result instanceof ServedObject so) {
            return made(client, so);
        }
        return ok(result);
    }

    private static Map<String, Method> methods(Entry e) {
        Class<?> c = e.referent.getClass();
        return METHODS.computeIfAbsent(c, k -> {
            Map<String, Method> table = new HashMap<>();
            if (e.referent instanceof ServedObject && Modifier.isPublic(c.getModifiers())) {
                for (Method m : c.getMethods()) {
                    table.putIfAbsent(Protocol.sig(m), m);
                }
            } else {
                for (Class<?> i : interfaces(c)) {
                    if (Modifier.isPublic(i.getModifiers())) {
                        for (Method m : i.getMethods()) {
                            table.putIfAbsent(Protocol.sig(m), m);
                        }
                    }
                }
            }
            for (Method m : Object.class.getMethods()) {
                if (m.getName().equals("toString") || m.getName().equals("equals") || m.getName().equals("hashCode")) {
                    table.putIfAbsent(Protocol.sig(m), m);
                }
            }
            return table;
        });
    }

    private static Set<Class<?>> interfaces(Class<?> c) {
        Set<Class<?>> all = new LinkedHashSet<>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                all.add(i);
                all.addAll(interfaces(i));
            }
        }
        return all;
    }

    /** A dict's or list's views are copied out whole: the snapshot the proxy promises. */
    private static Object copyOut(Object r) {
        if (r instanceof Set<?> s && !(r instanceof java.io.Serializable)) {
            Set<Object> copy = new LinkedHashSet<>();
            for (Object o : s) {
                copy.add(o instanceof Map.Entry<?, ?> en ? new AbstractMap.SimpleImmutableEntry<>(en) : o);
            }
            return copy;
        }
        if (r instanceof List<?> l && !(r instanceof java.io.Serializable)) {
            return new ArrayList<>(l);
        }
        if (r instanceof Collection<?> c && !(r instanceof java.io.Serializable)) {
            return new ArrayList<>(c);
        }
        return r;
    }

    private ServedObject make(String kindName, Object[] a) {
        Kind kind = Kind.valueOf(kindName);
        switch (kind) {
            case QUEUE: return new ServedQueue((Integer) a[0], false);
            case JOINABLE_QUEUE: return new ServedQueue((Integer) a[0], true);
            case LOCK: return new ServedLock(false);
            case RLOCK: return new ServedLock(true);
            case SEMAPHORE: return new ServedSemaphore((Integer) a[0], (Boolean) a[1]);
            case EVENT: return new ServedEvent();
            case CONDITION: return new ServedLock(true).newCondition();
            case BARRIER: return new ServedBarrier((Integer) a[0]);
            case NAMESPACE: return new ServedNamespace();
            default: throw new IllegalArgumentException("cannot make a " + kindName + " this way");
        }
    }

    /** Makes a dict, a list or a user's object: what {@link #make} cannot, because it is not a ServedObject. */
    private byte[] makeData(long client, String kindName, Object[] a) throws ClassNotFoundException {
        Object referent;
        String name = kindName;
        Kind kind;
        if (kindName.equals(Kind.DICT.name())) {
            kind = Kind.DICT;
            referent = a[0] == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<?, ?>) a[0]);
        } else if (kindName.equals(Kind.LIST.name())) {
            kind = Kind.LIST;
            referent = a[0] == null ? new ArrayList<>() : new ArrayList<>((Collection<?>) a[0]);
        } else {
            kind = Kind.OBJECT;
            Class<?> iface = Class.forName((String) a[0], false, Thread.currentThread().getContextClassLoader());
            referent = ((SerializableSupplier<?>) a[1]).get();
            if (!iface.isInstance(referent)) {
                throw new ClassCastException("the factory made " + (referent == null ? "null"
                        : "an instance of " + referent.getClass().getName()) + ", which is not a " + iface.getName());
            }
            name = Kind.OBJECT.name() + ":" + iface.getName();
        }
        long id = register(referent, kind, name, false);
        return counted(client, id, name);
    }

    private byte[] made(long client, ServedObject so) {
        long id;
        synchronized (counts) {
            id = so.managedId;
        }
        if (id == 0 || !objects.containsKey(id)) {
            id = register(so, so.kind(), so.kind().name(), false);
        }
        return counted(client, id, so.kind().name());
    }

    private byte[] counted(long client, long id, String kindName) {
        synchronized (counts) {
            Entry e = objects.get(id);
            if (e == null) {
                throw new MpException("managed object #" + id + " was freed while being returned");
            }
            e.refs++;
            held.computeIfAbsent(client, c -> new HashMap<>()).computeIfAbsent(id, i -> new long[1])[0]++;
        }
        return Protocol.objectReply(id, kindName);
    }

    private byte[] get(long client, String name, String ifaceName) throws ClassNotFoundException {
        Long id = exposed.get(name);
        if (id == null) {
            throw new NoSuchElementException("the manager at " + address() + " exposes nothing named " + name
                    + "; it exposes " + exposed.keySet());
        }
        Entry e = entry(id);
        Class<?> iface = Class.forName(ifaceName, false, Thread.currentThread().getContextClassLoader());
        if (!iface.isInstance(e.referent)) {
            throw new ClassCastException("the object exposed as " + name + " is an instance of "
                    + e.referent.getClass().getName() + ", which is not a " + iface.getName());
        }
        String kindName = e.kind == Kind.OBJECT ? Kind.OBJECT.name() + ":" + ifaceName : e.kind.name();
        return counted(client, id, kindName);
    }

    private void decref(long client, long id) {
        synchronized (counts) {
            Map<Long, long[]> mine = held.get(client);
            long[] n = mine == null ? null : mine.get(id);
            if (n == null) {
                return;
            }
            if (--n[0] == 0) {
                mine.remove(id);
            }
            release(id, 1);
        }
    }

    private void dropClient(long client) {
        synchronized (counts) {
            Map<Long, long[]> mine = held.remove(client);
            if (mine != null) {
                mine.forEach((id, n) -> release(id, n[0]));
            }
        }
    }

    private void release(long id, long n) {
        Entry e = objects.get(id);
        if (e != null && (e.refs -= n) <= 0 && !e.pinned) {
            objects.remove(id);
        }
    }

    /** @return how many objects the manager holds, for tests of their lifetime */
    int objectCount() {
        return objects.size();
    }

    private static byte[] ok(Object result) {
        byte[] p = Codec.encode(result);
        byte[] out = new byte[1 + p.length];
        out[0] = Protocol.OK;
        System.arraycopy(p, 0, out, 1, p.length);
        return out;
    }

    private static byte[] threw(Throwable t) {
        byte[] p;
        try {
            p = Codec.encode(t);
        } catch (RuntimeException notSerializable) {
            MpException stand = new MpException(t.toString());
            stand.setStackTrace(t.getStackTrace());
            p = Codec.encode(stand);
        }
        byte[] out = new byte[1 + p.length];
        out[0] = Protocol.THREW;
        System.arraycopy(p, 0, out, 1, p.length);
        return out;
    }
}
