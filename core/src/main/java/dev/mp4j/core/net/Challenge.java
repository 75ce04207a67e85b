package dev.mp4j.core.net;

import dev.mp4j.AuthenticationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The mutual HMAC-SHA256 challenge that opens every socket connection. Both sides contribute a nonce and the
 * server proves it holds the key first, with MACs tagged by direction, so a relay learns nothing it can replay:
 *
 * <pre>
 * client → server   "mp4j/1" ‖ cn
 * server → client   sn ‖ MAC(key, "S" ‖ cn ‖ sn)        the client checks it, or refuses the server
 * client → server   MAC(key, "C" ‖ sn ‖ cn)             the server checks it, or drops the client
 * server → client   1 (welcome)
 * </pre>
 *
 * Frames are capped at {@link #PRE_AUTH_FRAME} bytes until the welcome. The key is never sent.
 */
final class Challenge {
    static final int PRE_AUTH_FRAME = 256;
    private static final int NONCE = Hmac.LENGTH;
    private static final byte[] HELLO = "mp4j/1".getBytes(StandardCharsets.US_ASCII);

    private Challenge() {}

    /**
     * The client's side.
     *
     * @throws AuthenticationException if the server does not prove it holds the key, or refuses ours
     */
    static void client(FramedChannel ch, byte[] key) throws IOException {
        byte[] cn = Hmac.nonce();
        ch.write(HELLO, cn);
        byte[] answer = ch.read();
        if (answer.length != NONCE + 32) {
            throw new AuthenticationException(ch.peer() + " did not answer mp4j's challenge: it is not an mp4j "
                    + "listener or manager");
        }
        byte[] sn = Arrays.copyOf(answer, NONCE);
        if (!Hmac.matches(Hmac.mac(key, Hmac.SERVER, cn, sn), Arrays.copyOfRange(answer, NONCE, answer.length))) {
            throw new AuthenticationException(ch.peer() + " does not hold this authkey: check that both sides use "
                    + "the same key");
        }
        ch.write(Hmac.mac(key, Hmac.CLIENT, sn, cn));
        byte[] welcome;
        try {
            welcome = ch.read();
        } catch (IOException e) {
            throw new AuthenticationException(ch.peer() + " refused this authkey: check that both sides use the "
                    + "same key");
        }
        if (welcome.length != 1 || welcome[0] != 1) {
            throw new AuthenticationException(ch.peer() + " refused this authkey");
        }
        ch.maxFrame(Integer.MAX_VALUE - 8);
    }

    /** The server's side. @return whether the client proved it holds the key; if not, the channel is closed */
    static boolean server(FramedChannel ch, byte[] key) throws IOException {
        byte[] hello = ch.read();
        if (hello.length != HELLO.length + NONCE
                || !Arrays.equals(hello, 0, HELLO.length, HELLO, 0, HELLO.length)) {
            ch.close();
            return false;
        }
        byte[] cn = Arrays.copyOfRange(hello, HELLO.length, hello.length);
        byte[] sn = Hmac.nonce();
        ch.write(sn, Hmac.mac(key, Hmac.SERVER, cn, sn));
        byte[] proof = ch.read();
        if (!Hmac.matches(Hmac.mac(key, Hmac.CLIENT, sn, cn), proof)) {
            ch.close();
            return false;
        }
        ch.maxFrame(Integer.MAX_VALUE - 8);
        ch.write(new byte[] {1});
        return true;
    }
}
