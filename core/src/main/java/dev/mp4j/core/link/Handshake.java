package dev.mp4j.core.link;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
    static final int NONCE = 32;
    static final int MAC = 32;
    static final byte SERVER = 'S';
    static final byte CLIENT = 'C';
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {}

    static byte[] nonce() {
        byte[] n = new byte[NONCE];
        RANDOM.nextBytes(n);
        return n;
    }

    /** @return MAC(key, direction ‖ first ‖ second) */
    static byte[] mac(byte[] key, byte direction, byte[] first, byte[] second) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(direction);
            mac.update(first);
            return mac.doFinal(second);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Constant-time, so that a wrong MAC teaches an attacker nothing. */
    static boolean verify(byte[] expected, byte[] got) {
        return got.length == MAC && MessageDigest.isEqual(expected, got);
    }
}
