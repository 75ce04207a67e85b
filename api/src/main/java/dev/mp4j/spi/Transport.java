package dev.mp4j.spi;

import java.io.IOException;

/**
 * One process's use of a transport: it accepts {@link FrameLink}s from other processes and opens links to
 * them. Addresses are opaque strings that the transport makes and understands; the runtime passes them
 * between processes of one tree.
 *
 * <p>Implementations are thread-safe. Callbacks run on the transport's own threads, never on a caller's.
 */
public interface Transport extends AutoCloseable {
    /**
     * Starts accepting links at an address private to this process tree (e.g. a socket in a folder only this
     * user can read).
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

    /** Closes every server and link of this transport and releases its threads and files. Idempotent. */
    @Override
    void close();
}
