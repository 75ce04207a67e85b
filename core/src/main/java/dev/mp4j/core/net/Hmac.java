package dev.mp4j.core.net;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 of mp4j's mutual challenges, on links and on sockets alike: nonces, MACs tagged by the direction
 * they prove, and a constant-time comparison.
 */
public final class Hmac {
    /** Bytes of a nonce, and of a MAC. */
    public static final int LENGTH = 32;
    /** The tag of what the accepting side proves. */
    public static final byte SERVER = 'S';
    /** The tag of what the connecting side proves. */
    public static final byte CLIENT = 'C';
    private static final SecureRandom RANDOM = new SecureRandom();

    private Hmac() {}

    /** @return {@link #LENGTH} random bytes */
    public static byte[] nonce() {
        byte[] n = new byte[LENGTH];
        RANDOM.nextBytes(n);
        return n;
    }

    /** @return MAC(key, direction ‖ first ‖ second) */
    public static byte[] mac(byte[] key, byte direction, byte[] first, byte[] second) {
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
    public static boolean matches(byte[] expected, byte[] got) {
        return got.length == expected.length && MessageDigest.isEqual(expected, got);
    }
}
