package dev.mp4j.core.link;

import java.nio.ByteBuffer;

/**
 * The client's side of an object another process owns, where the owner pushes frames to it (a pipe end's copy
 * receives the messages it asked for). Registered with this process's node, under an id the owner addresses it by
 * and the link it listens on. Methods run on a transport thread and must not block.
 */
public interface Receiver {
    /** A frame the owner sent to this receiver. */
    void onFrame(byte op, ByteBuffer frame);

    /** The link to the owner closed: the owner is gone, or closed its context. */
    void ownerGone();
}
