package dev.mp4j.spi;

import java.nio.ByteBuffer;

/**
 * Receives what arrives on a {@link FrameLink}. The transport calls it on one of its own threads, one call at a time
 * per link, in the order the peer sent the frames; {@link FrameLink} states the whole contract.
 *
 * <p>Implementations must not block: the thread may serve other links too. They may call {@link FrameLink#send}
 * from a callback.
 */
public interface FrameHandler {
    /**
     * One frame. The buffer is valid only during the call and must not be kept; copy what must be kept. Its
     * position and limit bound the frame.
     */
    void onFrame(FrameLink link, ByteBuffer frame);

    /**
     * The link closed: by either side, or because the other process is gone. Called exactly once per link, after
     * the last {@link #onFrame} of that link.
     *
     * @param cause null for an orderly close (this side called {@link FrameLink#close()}, or the peer's goodbye
     *              arrived); otherwise the failure, such as an {@link java.io.IOException} for a peer that died
     */
    void onClose(FrameLink link, Throwable cause);
}
