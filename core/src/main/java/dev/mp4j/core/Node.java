package dev.mp4j.core;

import dev.mp4j.MpException;
import dev.mp4j.spi.FrameServer;
import dev.mp4j.spi.Transport;
import dev.mp4j.spi.TransportProvider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * This process's presence on one transport: the objects it owns, the server other processes reach them
 * through, its links to the owners of objects it uses, and its copies of remote pipe ends. The transport
 * and the server open on first need, so a child that uses no pipe or queue never opens either.
 */
final class Node {
    private final TransportProvider provider;
    private final Map<Long, Object> owned = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final Map<Long, RemoteEnd> copies = new ConcurrentHashMap<>();
    private final AtomicLong copyIds = new AtomicLong();
    private volatile Transport transport;
    private volatile FrameServer server;
    private volatile boolean closed;

    Node(TransportProvider provider) {
        this.provider = provider;
    }

    String transportName() {
        return provider.name();
    }

    Transport transport() {
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

    /** @return this process's server address, starting the server on first need */
    String address() {
        FrameServer s = server;
        if (s == null) {
            synchronized (this) {
                checkOpen();
                s = server;
                if (s == null) {
                    try {
                        server = s = transport().listen(link -> new ServedLink(this, link));
                    } catch (IOException e) {
                        throw new MpException("cannot listen on the '" + provider.name() + "' transport: " + e, e);
                    }
                }
            }
        }
        return s.address();
    }

    boolean isOwnAddress(String address) {
        FrameServer s = server;
        return s != null && s.address().equals(address);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this mp4j context is closed");
        }
    }

    <T> T register(LongFunction<T> make) {
        checkOpen();
        long id = ids.incrementAndGet();
        T object = make.apply(id);
        owned.put(id, object);
        return object;
    }

    Object owned(long id) {
        return owned.get(id);
    }

    void unregister(long id) {
        owned.remove(id);
    }

    Peer peer(String address) {
        Peer p = peers.get(address);
        if (p != null && p.isOpen()) {
            return p;
        }
        synchronized (peers) {
            checkOpen();
            p = peers.get(address);
            if (p == null || !p.isOpen()) {
                p = new Peer(this, address);
                p.connect();
                peers.put(address, p);
            }
            return p;
        }
    }

    void peerClosed(Peer p) {
        peers.remove(p.address, p);
        for (RemoteEnd c : new ArrayList<>(copies.values())) {
            if (c.peer() == p) {
                c.onOwnerGone();
            }
        }
    }

    RemoteEnd attachRemote(EndHandle h) {
        Peer p = peer(h.owner());
        long copyId = copyIds.incrementAndGet();
        RemoteEnd copy = new RemoteEnd(this, p, h.pipeId(), h.end(), h.duplex(), copyId);
        copies.put(copyId, copy);
        copy.attach(h.token());
        return copy;
    }

    Optional<RemoteEnd> copy(long copyId) {
        return Optional.ofNullable(copies.get(copyId));
    }

    void forgetCopy(long copyId) {
        copies.remove(copyId);
    }

    /** Waits until every owner has handled the fire-and-forget frames this process sent it. */
    void flush() {
        for (Peer p : List.copyOf(peers.values())) {
            p.sync();
        }
    }

    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        flush();
        owned.clear();
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
