package dev.mp4j.core.manager;

import dev.mp4j.Barrier;
import dev.mp4j.Condition;
import dev.mp4j.Event;
import dev.mp4j.JoinableQueue;
import dev.mp4j.Lock;
import dev.mp4j.Manager;
import dev.mp4j.ManagerOptions;
import dev.mp4j.MpException;
import dev.mp4j.Namespace;
import dev.mp4j.Queue;
import dev.mp4j.RLock;
import dev.mp4j.Semaphore;
import dev.mp4j.SerializableSupplier;
import dev.mp4j.core.process.ProcessTree;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The user's {@link Manager}: a client of a manager served in this JVM, in a manager process this process
 * started, or somewhere else. What {@link #close()} does depends on which ({@link #onClose}).
 */
@SuppressWarnings("unchecked")
public final class ManagerImpl implements Manager {
    private final ManagerClient client;
    private final Runnable onClose;
    private volatile boolean closed;

    private ManagerImpl(ManagerClient client, Runnable onClose) {
        this.client = client;
        this.onClose = onClose;
    }

    /** As {@link dev.mp4j.Managers#serve}. */
    public static Manager serve(ManagerOptions options) {
        byte[] key = options.authkey() != null ? options.authkey() : ProcessTree.get().authkey();
        ManagerServer server = ManagerServer.start(options, key);
        try {
            return new ManagerImpl(ManagerClient.connect(server.address(), key), server::shutdown);
        } catch (RuntimeException e) {
            server.shutdown();
            throw e;
        }
    }

    /** As {@link dev.mp4j.Managers#connect}. */
    public static Manager connect(String address, byte[] authkey) {
        dev.mp4j.core.net.Address.parse(address);
        ManagerClient c = ManagerClient.connect(address, authkey);
        return new ManagerImpl(c, c::disconnect);
    }

    /** A manager in a process this one started: closing it shuts the manager down, then runs {@code after}. */
    public static Manager started(String address, Runnable after) {
        ManagerClient c = ManagerClient.of(address);
        ManagerImpl[] self = new ManagerImpl[1];
        self[0] = new ManagerImpl(c, () -> {
            self[0].shutdown();
            after.run();
        });
        return self[0];
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Manager is closed: make objects with a manager that is open");
        }
    }

    private <T> T make(Kind kind, Object... args) {
        checkOpen();
        return (T) client.make(kind.name(), args);
    }

    @Override
    public <K, V> Map<K, V> dict() {
        return make(Kind.DICT, (Object) null);
    }

    @Override
    public <K, V> Map<K, V> dict(Map<? extends K, ? extends V> initial) {
        Objects.requireNonNull(initial, "initial");
        return make(Kind.DICT, new LinkedHashMap<>(initial));
    }

    @Override
    public <E> List<E> list() {
        return make(Kind.LIST, (Object) null);
    }

    @Override
    public <E> List<E> list(Collection<? extends E> initial) {
        Objects.requireNonNull(initial, "initial");
        return make(Kind.LIST, new ArrayList<>(initial));
    }

    @Override
    public Namespace namespace() {
        return make(Kind.NAMESPACE);
    }

    @Override
    public <E> Queue<E> queue() {
        return queue(0);
    }

    @Override
    public <E> Queue<E> queue(int maxsize) {
        return make(Kind.QUEUE, maxsize);
    }

    @Override
    public <E> JoinableQueue<E> joinableQueue() {
        return make(Kind.JOINABLE_QUEUE, 0);
    }

    @Override
    public Lock lock() {
        return make(Kind.LOCK);
    }

    @Override
    public RLock rlock() {
        return make(Kind.RLOCK);
    }

    @Override
    public Semaphore semaphore(int permits) {
        checkPermits(permits);
        return make(Kind.SEMAPHORE, permits, false);
    }

    @Override
    public Semaphore boundedSemaphore(int permits) {
        checkPermits(permits);
        return make(Kind.SEMAPHORE, permits, true);
    }

    private static void checkPermits(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must not be negative: " + permits);
        }
    }

    @Override
    public Event event() {
        return make(Kind.EVENT);
    }

    @Override
    public Condition condition() {
        return make(Kind.CONDITION);
    }

    @Override
    public Barrier barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least 1 party, not " + parties);
        }
        return make(Kind.BARRIER, parties);
    }

    @Override
    public <T> T create(Class<T> iface, SerializableSupplier<? extends T> factory) {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(factory, "factory");
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface: a managed object is used "
                    + "through an interface it implements");
        }
        return make(Kind.OBJECT, iface.getName(), factory);
    }

    @Override
    public <T> T get(String name, Class<T> iface) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(iface, "iface");
        checkOpen();
        return (T) client.get(name, iface);
    }

    @Override
    public String address() {
        return client.address();
    }

    @Override
    public void shutdown() {
        try {
            client.shutdown();
        } catch (MpException alreadyGone) {
            // shutting down a manager that is gone is done
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "Manager[" + client.address() + (closed ? ", closed" : "") + "]";
    }
}
