package dev.mp4j.spi;

import java.io.IOException;
import java.util.Optional;

/**
 * One process's use of a transport: it accepts {@link FrameLink}s from other processes and opens links to them.
 * Addresses are opaque strings that the transport makes and understands; the runtime passes them between processes
 * of one tree, and may pass them to another host once the transport can cross hosts, so an address must not depend
 * on anything private to the process that made it beyond what the transport itself resolves.
 *
 * <p>Implementations are thread-safe. Callbacks ({@link LinkAcceptor#accept}, {@link FrameHandler}) run on the
 * transport's own threads, never on a caller's.
 */
public interface Transport extends AutoCloseable {
    /**
     * Starts accepting links at an address private to this process tree (e.g. a socket in a folder only this user
     * can read).
     *
     * @param acceptor called for each accepted link, on a transport thread, before any frame of it arrives
     * @throws IOException if it cannot listen
     */
    FrameServer listen(LinkAcceptor acceptor) throws IOException;

    /**
     * Opens a link to the server at {@code address}, blocking until it is established or has failed, for a bounded
     * time (seconds, not minutes). The handler may be called before this method returns.
     *
     * @param handler receives the frames that arrive on the link
     * @throws IOException if no server answers there, or not in time
     */
    FrameLink connect(String address, FrameHandler handler) throws IOException;

    /**
     * The native-queue capability: queues and pipes whose items the transport keeps itself, where every process of
     * the tree reads them directly instead of asking the process that made them. The runtime uses it for every
     * queue and pipe made on this transport when it is present; without it, the runtime serves queues and pipes
     * from the process that made them, over {@link FrameLink}s.
     *
     * <p>Cheap, and the same answer for the life of the transport: the runtime asks on every queue and pipe it makes.
     * With the capability, nothing of a queue or a pipe travels over this transport's links.
     *
     * @return the capability, or empty (the default) when the transport moves frames only
     */
    default Optional<NativeQueues> nativeQueues() {
        return Optional.empty();
    }

    /**
     * The longest frame this process's links take from a peer, and can send. The runtime tells each peer its
     * limit during the handshake and never sends a frame longer than the smaller of the two: an item or message
     * that would need one fails in the caller's {@code put} or {@code send} with
     * {@link dev.mp4j.MessageTooLongException}, nothing is sent, and the link and the queue or pipe live on. The
     * same limit bounds the items of this transport's native queues and pipes. Document how users raise it.
     *
     * @return the limit in bytes; {@link Integer#MAX_VALUE} (the default) for none of the transport's own
     */
    default int maxFrameBytes() {
        return Integer.MAX_VALUE;
    }

    /**
     * Closes every server and link of this transport and releases its threads and files, within a bounded time.
     * Every link still open sees {@link FrameHandler#onClose}: with null if it closed in order within that time,
     * else with the cause. Idempotent.
     */
    @Override
    void close();
}
