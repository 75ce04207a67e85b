package dev.mp4j;

/**
 * A connection between processes failed its HMAC challenge: the other side does not hold this process
 * tree's authkey. Python's {@code multiprocessing.AuthenticationError}. The accepting side stays up.
 */
public class AuthenticationException extends MpException {
    private static final long serialVersionUID = 1L;

    /** @param message which connection failed, and why */
    public AuthenticationException(String message) {
        super(message);
    }
}
