package dev.mp4j;

/**
 * A task failed in another process. The cause is the task's own exception (original type, message and
 * the remote stack trace) where it could be deserialized here; the message always carries the remote
 * stack trace as text, so nothing is lost when it could not.
 */
public class RemoteException extends MpException {
    private static final long serialVersionUID = 1L;

    /** @param message the failure, with the remote stack trace as text */
    public RemoteException(String message) {
        super(message);
    }

    /**
     * @param message the failure, with the remote stack trace as text
     * @param cause   the task's own exception, deserialized
     */
    public RemoteException(String message, Throwable cause) {
        super(message, cause);
    }
}
