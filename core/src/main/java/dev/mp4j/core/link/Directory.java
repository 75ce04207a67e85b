package dev.mp4j.core.link;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * What frames are addressed to in this process: the objects it owns (by id, under their {@link Kind}) and the
 * receivers of the objects it uses elsewhere (by id), and the tree's key every link proves. Thread-safe.
 */
final class Directory {
    private final Supplier<byte[]> authkey;
    private final Map<Long, Owned> owned = new ConcurrentHashMap<>();
    private final Map<Integer, Kind> kinds = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Receiver> receivers = new ConcurrentHashMap<>();
    private final Map<Long, Peer> receiverPeers = new ConcurrentHashMap<>();
    private final AtomicLong receiverIds = new AtomicLong();

    Directory(Supplier<byte[]> authkey) {
        this.authkey = authkey;
    }

    byte[] authkey() {
        return authkey.get();
    }

    /** Answers frames of this kind from now on, also for objects that are gone. */
    void serve(Kind kind) {
        Kind known = kinds.putIfAbsent(kind.code(), kind);
        if (known != null && !known.equals(kind)) {
            throw new IllegalStateException("kinds " + known.name() + " and " + kind.name() + " share code " + kind.code());
        }
    }

    <T extends Owned> T register(Kind kind, LongFunction<T> make) {
        serve(kind);
        long id = ids.incrementAndGet();
        T object = make.apply(id);
        owned.put(id, object);
        return object;
    }

    /** @return the object this process owns under that id, or null (a lookup on every frame: no Optional) */
    Owned owned(long id) {
        return owned.get(id);
    }

    void unregister(long id) {
        owned.remove(id);
    }

    void clearOwned() {
        owned.clear();
    }

    /** @return the kind with that code, or null if no object of it was ever registered here */
    Kind kind(int code) {
        return kinds.get(code);
    }

    /** @param peer the link the receiver's owner pushes its frames over */
    <T extends Receiver> T addReceiver(Peer peer, LongFunction<T> make) {
        long id = receiverIds.incrementAndGet();
        T r = make.apply(id);
        receiverPeers.put(id, peer);
        receivers.put(id, r);
        return r;
    }

    /** @return the receiver with that id, or null (a lookup on every frame: no Optional) */
    Receiver receiver(long id) {
        return receivers.get(id);
    }

    void removeReceiver(long id) {
        receivers.remove(id);
        receiverPeers.remove(id);
    }

    /** The link to {@code peer} closed: every receiver of an object it owns hears that the owner is gone. */
    void ownerGone(Peer peer) {
        for (Map.Entry<Long, Peer> e : List.copyOf(receiverPeers.entrySet())) {
            Receiver r = receivers.get(e.getKey());
            if (e.getValue() == peer && r != null) {
                r.ownerGone();
            }
        }
    }
}
