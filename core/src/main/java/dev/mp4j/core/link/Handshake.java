package dev.mp4j.core.link;

import dev.mp4j.core.net.Hmac;

/**
 * The mutual HMAC-SHA256 challenge that opens every link. Both sides contribute a nonce, the server (the side
 * that accepted the link) proves it holds the key first, and each MAC is tagged with the direction it proves, so
 * nothing one side sends can be relayed or reflected as the other's proof:
 *
 * <pre>
 * server → client   AUTH_CHALLENGE     sn
 * client → server   AUTH_RESPONSE      cn
 * server → client   AUTH_SERVER_PROOF  MAC(key, "S" ‖ cn ‖ sn)   the client checks it, or refuses the server
 * client → server   AUTH_CLIENT_PROOF  MAC(key, "C" ‖ sn ‖ cn)   the server checks it, or refuses the client
 * server → client   AUTH_WELCOME
 * </pre>
 *
 * A client therefore proves nothing to a server that cannot prove itself first. Neither side ever sends the key.
 * The challenge's and the response's {@code y} state the sender's {@link dev.mp4j.spi.Transport#maxFrameBytes()}
 * ({@link FrameLimit}).
 *
 * <p>Until its side of the handshake is done, each side's link takes frames of at most
 * {@link dev.mp4j.spi.FrameLink#PRE_AUTH_FRAME_BYTES} ({@link dev.mp4j.spi.FrameLink#authenticated()}). A server
 * ends a link whose client has not proved itself within {@link #TIMEOUT_MILLIS}, and keeps at most
 * {@link #MAX_UNAUTHENTICATED} links in the handshake at once, ending the others at once: a process that holds no
 * key can make a server hold next to nothing, for a bounded time.
 */
final class Handshake {
    static final int NONCE = Hmac.LENGTH;
    /**
     * A liveness guard, not a latency target: on a loaded machine a young JVM needs seconds to load its crypto
     * provider and answer. Set with {@code mp4j.handshakeTimeoutSeconds}.
     */
    static final long TIMEOUT_MILLIS = Long.getLong("mp4j.handshakeTimeoutSeconds", 60) * 1000;
    /** Far above a pool's workers connecting at once; each costs the server one link's buffers of 512 bytes. */
    static final int MAX_UNAUTHENTICATED = 1024;

    private Handshake() {}
}
