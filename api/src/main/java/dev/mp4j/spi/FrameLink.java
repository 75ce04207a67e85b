package dev.mp4j.spi;

import java.nio.ByteBuffer;

/**
 * A duplex, ordered, reliable channel of byte frames between two processes: what every transport must provide.
 * The contract, which {@code mp4j-tck}'s {@code FrameLinkContract} checks across real processes:
 *
 * <ul>
 *   <li><b>Frames keep their boundaries.</b> One {@link #send} arrives as one {@link FrameHandler#onFrame} call,
 *       never merged with another or split. A frame may be empty; frames of at least 16 MiB must work (a
 *       transport may set a documented upper limit, and must then close the link with a cause when a peer exceeds
 *       it, never deliver part of a frame).</li>
 *   <li><b>Order.</b> Frames arrive in the order they were sent from one thread; frames sent by different
 *       threads arrive in some interleaving of those orders. Nothing is lost or duplicated while the link is
 *       open.</li>
 *   <li><b>Threads.</b> {@link #send}, {@link #isOpen} and {@link #close} may be called from any thread,
 *       including from inside a {@link FrameHandler} callback. Handler callbacks run on the transport's threads,
 *       one at a time per link; {@link #send} never waits for the peer to read.</li>
 *   <li><b>Close and goodbye.</b> {@link #close} sends every frame queued before it, then a goodbye that tells the
 *       peer the close was orderly, then closes. The peer's handler sees {@link FrameHandler#onClose} with a null
 *       cause after the goodbye; this side's handler sees it with null too.</li>
 *   <li><b>A dead peer.</b> When the other process dies (even by SIGKILL) or the connection breaks without a
 *       goodbye, the handler sees {@link FrameHandler#onClose} with a non-null cause, within a second or so of the
 *       death; frames that arrived whole before are delivered first.</li>
 *   <li><b>onClose</b> is called exactly once per link and side, always last: no {@code onFrame} follows it.
 *       After it, {@link #isOpen} is false and {@link #send} returns false.</li>
 *   <li><b>Memory consistency.</b> Actions of a thread before it calls {@link #send} happen-before the peer's
 *       actions after the {@code onFrame} call that delivers that frame, in so far as they are visible through
 *       the frame's bytes; within this process, actions before {@code send} happen-before the transport's write.</li>
 * </ul>
 */
public interface FrameLink extends AutoCloseable {
    /**
     * The longest frame a link must take from a peer the runtime has not yet authenticated: the handshake's frames
     * fit in it, with room to spare.
     */
    int PRE_AUTH_FRAME_BYTES = 512;

    /**
     * Queues a frame for sending and returns without waiting for the peer. The link takes ownership of the buffer's
     * remaining bytes: the caller must not change them afterwards. Implementations should batch frames queued close
     * together into one write.
     *
     * @return false if the link is closed (the frame is dropped); never throws for a closed or broken link
     */
    boolean send(ByteBuffer frame);

    /** @return whether the link is open: false once {@link #close} was called or the link broke */
    boolean isOpen();

    /**
     * Tells the link that the runtime has authenticated its peer. The runtime calls it on the handler's thread,
     * inside the {@link FrameHandler#onFrame} that completed its side of the handshake, before that side sends or
     * expects anything larger. Until then, the accepting side of a link that any process could have opened (a
     * socket, above all a TCP one) should take frames of at most {@link #PRE_AUTH_FRAME_BYTES} bytes and end the
     * link with a cause at a longer one, so that a peer that has proved nothing cannot make this process allocate
     * more than that. A link that only this user's processes can open (files in a folder private to the user) may
     * ignore it, as the default does; so may the connecting side, which talks to an address it chose.
     */
    default void authenticated() {}

    /**
     * Writes every frame queued so far, then the goodbye, then closes the link; waits a bounded time (a few
     * seconds) for the writes to reach the peer, except when called on a transport thread, where it only starts
     * the close. Idempotent.
     */
    @Override
    void close();
}
