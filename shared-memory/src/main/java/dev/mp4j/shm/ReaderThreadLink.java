package dev.mp4j.shm;

import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The life of a {@link FrameLink} whose frames a sender writes into memory the receiving process reads directly (a
 * ring, a journal): {@link #send} writes from the caller's thread under the link's lock, so there is no writer
 * thread and nothing to flush, and one reader thread a link takes the frames out and calls the handler, so its
 * calls come one at a time, in order, and {@link FrameHandler#onClose} exactly once, last. A subclass says how a
 * frame and the goodbye are written ({@link #append}), how its reader waits and reads ({@link #readFrames}), and
 * what it frees at the end ({@link #readerEnded}); this class does the rest, which every such link must get right
 * the same way:
 * <ul>
 *   <li>a frame goes either before the goodbye or not at all ({@code send} and {@code close} share one lock);</li>
 *   <li>{@code close()} sends the goodbye and waits at most {@value #CLOSE_TIMEOUT_MILLIS} ms for the peer's,
 *       except on the link's own threads, which must not wait; a peer's goodbye is answered, so that both readers
 *       end in order;</li>
 *   <li>a failure ({@link #fail}) ends the reader, and the handler's {@code onClose} gets it as the cause;</li>
 *   <li>an {@link Error} on the reader thread (the handler's, or the reader's own) ends the link with it, and then
 *       the transport hears of it, to fail its other links too ({@link #failedBecause}).</li>
 * </ul>
 *
 * <p>Memory consistency: what a sender did before {@code send} happens-before the receiving handler's
 * {@code onFrame} for that frame, as far as the subclass's memory makes it so (a release store of the frame's
 * header, an acquire load by the reader).
 */
public abstract class ReaderThreadLink implements FrameLink {
    /** The first byte of a frame's message. */
    protected static final byte FRAME = 0;
    /** The first (and only) byte of the goodbye. */
    protected static final byte GOODBYE = 1;
    /** How long a {@code close()} waits for the peer's goodbye. */
    protected static final long CLOSE_TIMEOUT_MILLIS = 5_000;

    private final Runnable onEnded;
    private final Consumer<Error> onError;
    private final Object lock = new Object();
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private volatile FrameHandler handler;
    private volatile boolean open = true;
    private volatile boolean closeCalled;
    /** When a close that waits for the peer's goodbye gives up; set before {@link #closeCalled}. */
    private volatile long closeDeadline;
    private volatile Thread reader;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /**
     * @param onEnded told once the link has ended, after {@code onClose}
     * @param onError told after that, on the reader thread, when an {@link Error} ended the link: after an
     *                {@code OutOfMemoryError}, say, the process can trust nothing its transport holds, so the
     *                transport fails its other links with {@link #failedBecause}, and every waiter on them hears of
     *                it
     */
    protected ReaderThreadLink(Runnable onEnded, Consumer<Error> onError) {
        this.onEnded = Objects.requireNonNull(onEnded, "onEnded");
        this.onError = Objects.requireNonNull(onError, "onError");
    }

    /** @return the cause the other links of a transport fail with when one link's thread hit {@code error} */
    public static IOException failedBecause(Error error, String transport) {
        return new IOException("closed because a thread of this process's " + transport + " transport hit " + error
                + " on another link", error);
    }

    /**
     * Writes one message for the peer; called under the link's lock, which makes senders take turns. On a failure
     * that ends the link (the shared-memory folder is full, say) it calls {@link #fail} and returns false.
     *
     * @param type  {@link #FRAME} or {@link #GOODBYE}
     * @param frame the frame's bytes, not to be changed; null for the goodbye
     * @return whether the message was written
     */
    protected abstract boolean append(byte type, ByteBuffer frame);

    /** After a message was appended, outside the lock: wakes the peer's reader if the append did not already. */
    protected abstract void ringPeer();

    /** Wakes this link's own reader from its wait, so that it looks at {@link #closeCalled()} and the failure. */
    protected abstract void wakeReader();

    /** @return a new, not yet started thread that runs {@code body}; a daemon, of the transport's own kind */
    protected abstract Thread newReaderThread(Runnable body, String name);

    /** @return whether the caller is a thread of this transport (a handler callback), which must not wait */
    protected abstract boolean onTransportThread();

    /**
     * The reader's loop: reads messages, gives each frame to {@link #deliver} and the goodbye to
     * {@link #goodbyeReceived}, until the goodbye, the peer's death or {@link #failure()}. While {@link #closeCalled()},
     * waits at most {@link #closeNanosLeft()}, then returns {@link #goodbyeTimedOut()}.
     *
     * @return null after the peer's goodbye; else why the link ended
     */
    protected abstract Throwable readFrames() throws Exception;

    /** After the reader ended and the link is no longer open, before {@code onClose}: frees what the link holds. */
    protected abstract void readerEnded();

    /** Sets the handler and starts reading; once. */
    public final void start(FrameHandler h, String name) {
        this.handler = Objects.requireNonNull(h, "handler");
        Thread t = newReaderThread(this::readLoop, name);
        reader = t;
        t.start();
    }

    @Override
    public final boolean send(ByteBuffer frame) {
        Objects.requireNonNull(frame, "frame");
        synchronized (lock) {
            // with close() under one lock: a frame goes either before the goodbye or not at all
            if (!open || !append(FRAME, frame)) {
                return false;
            }
        }
        ringPeer();
        return true;
    }

    @Override
    public final boolean isOpen() {
        return open;
    }

    @Override
    public final void close() {
        boolean sent = false;
        synchronized (lock) {
            if (!closeCalled) {
                // the deadline first: the reader reads closeCalled, then the deadline, without the lock
                closeDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MILLIS);
                closeCalled = true;
                if (open) {
                    open = false;
                    sent = append(GOODBYE, null);
                }
            }
        }
        if (sent) {
            ringPeer();
        }
        Thread r = reader;
        if (r == null || r == Thread.currentThread()) {
            return; // not reading yet (inside accept), or the handler itself: the reader ends at the goodbye
        }
        wakeReader(); // a reader waiting without a deadline takes up the close's
        if (onTransportThread()) {
            return; // another transport thread must not wait
        }
        try {
            long left = closeDeadline - System.nanoTime();
            if (!readerDone.await(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                fail(goodbyeTimedOut());
                readerDone.await(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the link with a cause: the reader stops and gives it to {@code onClose}, unless an earlier failure is
     * already the cause. Does not block, so a transport's thread may call it, and a sender inside {@link #append}.
     */
    public void fail(Throwable cause) {
        failure.compareAndSet(null, cause);
        open = false;
        wakeReader();
    }

    /**
     * Ends a link whose reader never started (its acceptor failed): the peer gets a goodbye, so that its side ends
     * in order; then {@link #readerEnded} and the end callback run here.
     */
    public final void refuse() {
        boolean sent;
        synchronized (lock) {
            closeCalled = true;
            open = false;
            sent = append(GOODBYE, null);
        }
        if (sent) {
            ringPeer();
        }
        readerEnded();
        onEnded.run();
    }

    /** For a link whose reader never started and never will (the server never took it): not open from now on. */
    protected final void neverStarted() {
        synchronized (lock) {
            open = false;
        }
    }

    /** @return the link's lock, under which {@link #append} runs: for a subclass's own state that sends touch */
    protected final Object lock() {
        return lock;
    }

    /** For the reader: hands one frame to the handler. @return what the handler threw, which ends the link; or null */
    protected final Throwable deliver(ByteBuffer frame) {
        try {
            handler.onFrame(this, frame);
            return null;
        } catch (RuntimeException | Error e) {
            return e;
        }
    }

    /** For the reader, at the peer's goodbye: answers it unless this side said goodbye already. */
    protected final void goodbyeReceived() {
        boolean answered = false;
        synchronized (lock) {
            if (!closeCalled) {
                // answer, so that the peer's reader ends in order too
                closeCalled = true;
                open = false;
                answered = append(GOODBYE, null);
            }
        }
        if (answered) {
            ringPeer();
        }
    }

    /** @return whether {@code close()} was called, or the peer's goodbye arrived */
    protected final boolean closeCalled() {
        return closeCalled;
    }

    /** @return -1 while the reader may wait without a bound; once closing, the nanoseconds left (0: out of time) */
    protected final long closeNanosLeft() {
        return closeCalled ? Math.max(0, closeDeadline - System.nanoTime()) : -1;
    }

    /** @return the failure that ends the link, or null */
    protected final Throwable failure() {
        return failure.get();
    }

    /** @return the cause of a close that waited for the peer's goodbye in vain */
    protected static IOException goodbyeTimedOut() {
        return new IOException("closed after waiting " + CLOSE_TIMEOUT_MILLIS + " ms for the peer's goodbye");
    }

    private void readLoop() {
        Throwable cause;
        try {
            cause = readFrames();
        } catch (Throwable t) {
            cause = t;
        }
        synchronized (lock) {
            open = false;
        }
        readerEnded();
        Throwable failed = failure.get();
        Throwable ended = failed != null ? failed : cause;
        try {
            handler.onClose(this, ended);
        } finally {
            readerDone.countDown();
            onEnded.run();
            if (ended instanceof Error e) {
                onError.accept(e);
            }
        }
    }

    /**
     * Closes every link at once, from threads that may wait (not the transport's), so that a transport's close
     * takes one link's bound, not the sum; returns when all have closed, or at an interrupt.
     */
    public static void closeAll(Collection<? extends FrameLink> links, String threadName) {
        List<Thread> closing = links.stream().map(l -> new Thread(l::close, threadName)).toList();
        closing.forEach(Thread::start);
        for (Thread t : closing) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
