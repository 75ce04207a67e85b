package dev.mp4j.spi;

import java.nio.ByteBuffer;

/**
 * A duplex, ordered, reliable channel of byte frames between two processes. Frames keep their boundaries:
 * one {@link #send} arrives as one {@link FrameHandler#onFrame} call, never merged or split, in the order
 * sent. A frame may be empty.
 *
 * <p>Thread-safe: any thread may send; frames sent by one thread arrive in the order that thread sent them.
 */
public interface FrameLink extends AutoCloseable {
    /**
     * Queues a frame for sending and returns without waiting for the peer. The link takes ownership of the
     * buffer's remaining bytes: the caller must not change them afterwards. Implementations should batch
     * frames queued close together into one write.
     *
     * @return false if the link is closed (the frame is dropped)
     */
    boolean send(ByteBuffer frame);

    /** @return whether the link is open */
    boolean isOpen();

    /**
     * Writes every frame queued so far, then closes the link; waits a bounded time (a few seconds) for
     * the writes. The peer's handler then sees {@link FrameHandler#onClose}. Idempotent.
     */
    @Override
    void close();
}
