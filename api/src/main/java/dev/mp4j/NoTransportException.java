package dev.mp4j;

/**
 * No usable transport: none is on the class path, the one named is unknown, or it cannot run here. The
 * message lists what was found and names the artifact to add.
 */
public class NoTransportException extends MpException {
    private static final long serialVersionUID = 1L;

    /** @param message what was asked for, what was found, and the artifact to add */
    public NoTransportException(String message) {
        super(message);
    }

    /**
     * @param message what was asked for, what was found, and the artifact to add
     * @param cause   why the transport asked for cannot run
     */
    public NoTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
