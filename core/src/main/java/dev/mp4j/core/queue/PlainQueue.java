package dev.mp4j.core.queue;

import java.io.Serial;

/** A {@link dev.mp4j.Queue} that does not count unfinished items. */
final class PlainQueue<E> extends BaseQueue<E> {
    @Serial
    private static final long serialVersionUID = 1L;

    PlainQueue(QueueBackend backend) {
        super(backend);
    }
}
