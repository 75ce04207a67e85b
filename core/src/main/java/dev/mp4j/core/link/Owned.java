package dev.mp4j.core.link;

import java.nio.ByteBuffer;

/**
 * Something this process owns and serves to other processes: the one interface through which it receives their
 * frames. It registers with its process's node under a {@link Kind}; the node hands it every frame whose op belongs to
 * that kind and whose x names its id. Methods run on a transport thread and must not block.
 */
public interface Owned {
    /** @return the kind this object was registered under */
    Kind kind();

    /** A frame of this object's kind from another process. */
    void onFrame(Caller from, byte op, ByteBuffer frame);

    /** The client gave up waiting for an answer to this request; answer {@link Wire#CANCELLED} if still waiting. */
    default void cancel(Caller from, long requestId) {}

    /** A link this object was told about ({@link Caller#touch}) closed: forget that process's copies and waits. */
    default void linkClosed(Caller link) {}
}
