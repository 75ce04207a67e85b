package dev.mp4j;

/**
 * The base of every exception mp4j throws of its own. Unchecked, like the exceptions of
 * {@code java.util.concurrent} that report a failure of the mechanism rather than of the caller.
 */
public class MpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and, where it helps, what to do about it */
    public MpException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and, where it helps, what to do about it
     * @param cause   the underlying failure
     */
    public MpException(String message, Throwable cause) {
        super(message, cause);
    }
}
