package dev.mp4j.spi;

import java.nio.ByteBuffer;

/**
 * Receives what arrives on a {@link FrameLink}. Called on a transport thread, one call at a time per link,
 * in order. Implementations must not block: the thread serves other links too.
 */
public interface FrameHandler {
    /**
     * One frame. The buffer is valid only during the call; copy what must be kept.
     */
    void onFrame(FrameLink link, ByteBuffer frame);

    /**
     * The link closed: by either side, or because the other process is gone. Called once, last.
     *
     * @param cause the failure that closed it, or null for an orderly close
     */
    void onClose(FrameLink link, Throwable cause);
}
