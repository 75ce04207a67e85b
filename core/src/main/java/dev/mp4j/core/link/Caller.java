package dev.mp4j.core.link;

import java.nio.ByteBuffer;

/**
 * Another process, as an object this process owns sees it: the sender of the frames the object receives, whom it
 * answers and pushes frames to. One per link; objects compare callers by identity. Every method
 * only queues a frame, so it may be called under the object's lock and from a transport thread.
 */
public interface Caller {
    /** Sends a frame to the caller's process. */
    void send(ByteBuffer frame);

    /** @return the longest payload a frame to the caller's process may carry (both processes' limits) */
    int maxPayloadBytes();

    /** Answers a call. */
    void reply(long requestId, long status, long value, byte[] payload);

    /** Answers a call with a status and nothing else. */
    void reply(long requestId, long status);

    /** Answers a call with {@link Wire#ERROR} and a message the caller throws. */
    void replyError(long requestId, String message);

    /** Tells {@code object} when this caller's link closes, so that it drops what it keeps for that process. */
    void touch(Owned object);

    /** Undoes {@link #touch}: {@code object} is gone, and has nothing left to drop. */
    void untouch(Owned object);
}
