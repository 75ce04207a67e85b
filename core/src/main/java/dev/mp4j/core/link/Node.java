package dev.mp4j.core.link;

import dev.mp4j.MpException;
import dev.mp4j.spi.FrameServer;
import dev.mp4j.spi.NativeQueues;
import dev.mp4j.spi.Transport;
import dev.mp4j.spi.TransportProvider;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * This process's presence on one transport: the objects it owns, the server other processes reach them through,
 * its links to the owners of objects it uses, and the receivers those owners push frames to. The transport opens
 * on first need — the first queue or pipe, which asks whether the transport keeps them itself, or the first link —
 * and the server on the first object shared with another process; a child that uses neither opens nothing.
 */
public final class Node {
    private static final System.Logger LOG = System.getLogger(Node.class.getName());

    private final TransportProvider provider;
    private final Directory directory;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> locals = new ConcurrentHashMap<>();
    private volatile Transport transport;
    private volatile FrameServer server;
    private volatile boolean closed;

    /**
     * @param authkey the process tree's key, asked for on the first handshake (a child gets it from its parent)
     */
    public Node(TransportProvider provider, Supplier<byte[]> authkey) {
        this.provider = provider;
        this.directory = new Directory(authkey);
    }

    public String transportName() {
        return provider.name();
    }

    /**
     * @return the longest item or message, encoded, that this process's transport carries (opening it): what a
     *         put or send here may be, whatever it crosses later
     */
    public int maxItemBytes() {
        return FrameLimit.payloadLimit(transport().maxFrameBytes());
    }

    /** @return the transport, opened on first need */
    public Transport transport() {
        Transport t = transport;
        if (t == null) {
            synchronized (this) {
                checkOpen();
                t = transport;
                if (t == null) {
                    try {
                        transport = t = provider.open();
                    } catch (IOException | RuntimeException e) {
                        throw new MpException("cannot open the '" + provider.name() + "' transport: " + e, e);
                    }
                }
            }
        }
        return t;
    }

    /** @return the transport's native-queue capability, if it has one; opens the transport */
    public Optional<NativeQueues> nativeQueues() {
        return transport().nativeQueues();
    }

    /** @return this process's server address, starting the server on first need */
    public String address() {
        FrameServer s = server;
        if (s == null) {
            synchronized (this) {
                checkOpen();
                s = server;
                if (s == null) {
                    try {
                        Transport t = transport();
                        int limit = t.maxFrameBytes();
                        AtomicInteger handshaking = new AtomicInteger();
                        server = s = t.listen(link -> new ServedLink(directory, link, limit, handshaking,
                                Handshake.TIMEOUT_MILLIS));
                    } catch (IOException e) {
                        throw new MpException("cannot listen on the '" + provider.name() + "' transport: " + e, e);
                    }
                }
            }
        }
        return s.address();
    }

    public boolean isOwnAddress(String address) {
        FrameServer s = server;
        return s != null && s.address().equals(address);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this mp4j context is closed");
        }
    }

    /**
     * Declares that this node serves objects of {@code kind}, before it owns any: a frame for an object of that kind
     * that is gone (or that a previous context here owned) then gets the kind's answer instead of none, so that its
     * sender never waits for an answer that cannot come.
     */
    public void serve(Kind kind) {
        directory.serve(kind);
    }

    /**
     * Registers an object this process owns and will serve to others.
     *
     * @param make makes the object, given its new id
     */
    public <T extends Owned> T register(Kind kind, LongFunction<T> make) {
        checkOpen();
        return directory.register(kind, make);
    }

    /** @return the object this process owns under that id, if it is still registered */
    public Optional<Owned> owned(long id) {
        return Optional.ofNullable(directory.owned(id));
    }

    public void unregister(long id) {
        directory.unregister(id);
    }

    /** @return the authenticated link to the process at that address, connecting on first need */
    public Peer peer(String address) {
        Peer p = peers.get(address);
        if (p != null && p.isOpen()) {
            return p;
        }
        synchronized (peers) {
            checkOpen();
            p = peers.get(address);
            if (p == null || !p.isOpen()) {
                p = new Peer(address, directory::authkey, directory::receiver, this::peerClosed);
                p.connect(transport());
                peers.put(address, p);
            }
            return p;
        }
    }

    private void peerClosed(Peer p) {
        peers.remove(p.address(), p);
        directory.ownerGone(p);
    }

    /**
     * Registers a receiver of frames an owner pushes to this process over {@code peer}.
     *
     * @param make makes the receiver, given the id its owner will address it by
     */
    public <T extends Receiver> T addReceiver(Peer peer, LongFunction<T> make) {
        return directory.addReceiver(peer, make);
    }

    public void removeReceiver(long id) {
        directory.removeReceiver(id);
    }

    /**
     * State a package above keeps per node, such as its handles on a transport's native queues: made on first need,
     * and closed with the node if it is {@link AutoCloseable}.
     */
    public <T> T local(Class<T> type, Function<Node, T> make) {
        checkOpen();
        return type.cast(locals.computeIfAbsent(type, t -> make.apply(this)));
    }

    /** Waits until every owner has handled the fire-and-forget frames this process sent it. */
    public void flush() {
        for (Peer p : List.copyOf(peers.values())) {
            p.sync();
        }
    }

    /** @return whether {@link #close()} was called: what this node owns is gone for every process */
    public boolean isClosed() {
        return closed;
    }

    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        flush();
        directory.clearOwned();
        for (Object local : locals.values()) {
            if (local instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.DEBUG, "cannot close " + local, e);
                }
            }
        }
        peers.values().forEach(Peer::close);
        peers.clear();
        if (server != null) {
            server.close();
        }
        if (transport != null) {
            transport.close();
        }
    }
}
