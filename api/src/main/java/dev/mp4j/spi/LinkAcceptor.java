package dev.mp4j.spi;

/** Decides what handles the frames of a link a {@link FrameServer} accepted. */
@FunctionalInterface
public interface LinkAcceptor {
    /**
     * Called on a transport thread once per accepted link, before its first frame. It may send on the link, and
     * close it, before it returns: the runtime sends its authentication challenge from here, so frames sent during
     * the call must go out, first, like any other.
     *
     * @return the handler for the link's frames
     */
    FrameHandler accept(FrameLink link);
}
