package dev.mp4j;

/** A pool worker process died (killed, halted, out of memory) while it ran the task. */
public class WorkerLostException extends MpException {
    private static final long serialVersionUID = 1L;

    /** @param message which worker, and how it ended */
    public WorkerLostException(String message) {
        super(message);
    }
}
