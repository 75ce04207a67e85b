package dev.mp4j;

/**
 * End of stream: every copy of the other end of a pipe is closed, or the process holding it is gone.
 * Python raises {@code EOFError} here. Also thrown when sending to a pipe whose other end is closed.
 */
public class ConnectionClosedException extends MpException {
    private static final long serialVersionUID = 1L;

    /** @param message which end and why */
    public ConnectionClosedException(String message) {
        super(message);
    }

    /**
     * @param message which end and why
     * @param cause   the failure that closed it
     */
    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
