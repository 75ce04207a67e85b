package dev.mp4j.spi;

/** Decides what handles the frames of a link a {@link FrameServer} accepted. */
@FunctionalInterface
public interface LinkAcceptor {
    /**
     * Called on a transport thread once per accepted link, before its first frame.
     *
     * @return the handler for the link's frames
     */
    FrameHandler accept(FrameLink link);
}
