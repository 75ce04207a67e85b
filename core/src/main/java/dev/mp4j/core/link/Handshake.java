package dev.mp4j.core.link;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 challenge both ways that opens every link, as Python's {@code multiprocessing.connection}
 * does: the server sends a nonce; the client answers with its MAC and a nonce of its own; the server checks
 * it and answers with the MAC of the client's nonce (welcome) or a failure, and the client checks that.
 * Neither side ever sends the key.
 */
final class Handshake {
    static final int NONCE = 32;
    static final int MAC = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {}

    static byte[] nonce() {
        byte[] n = new byte[NONCE];
        RANDOM.nextBytes(n);
        return n;
    }

    static byte[] mac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Constant-time, so that a wrong MAC teaches an attacker nothing. */
    static boolean verify(byte[] key, byte[] message, byte[] mac, int offset) {
        if (mac.length < offset + MAC) {
            return false;
        }
        byte[] got = java.util.Arrays.copyOfRange(mac, offset, offset + MAC);
        return MessageDigest.isEqual(mac(key, message), got);
    }
}
