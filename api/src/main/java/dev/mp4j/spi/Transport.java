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
     * Opens a link to the server at {@code address}, blocking until it is established.
     *
     * @param handler receives the frames that arrive on the link
     * @throws IOException if no server answers there
     */
    FrameLink connect(String address, FrameHandler handler) throws IOException;

    /**
     * The native-queue capability: queues and pipes whose items the transport keeps itself, where every process of
     * the tree reads them directly instead of asking the process that made them. The runtime uses it for every
     * queue and pipe made on this transport when it is present; without it, the runtime serves queues and pipes
     * from the process that made them, over {@link FrameLink}s.
     *
     * @return the capability, or empty (the default) when the transport moves frames only
     */
    default Optional<NativeQueues> nativeQueues() {
        return Optional.empty();
    }

    /** Closes every server and link of this transport and releases its threads and files. Idempotent. */
    @Override
    void close();
}
