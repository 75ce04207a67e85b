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
 */
final class Handshake {
    static final int NONCE = Hmac.LENGTH;

    private Handshake() {}
}
