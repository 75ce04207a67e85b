package dev.mp4j.transport.shm;

import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FrameLink} over a duplex {@link ShmPipe}: a frame is one message, its first byte saying whether it is a
 * frame or the goodbye. {@link #send} appends to the peer's ring from the caller's thread, so there is no writer
 * thread and nothing to flush; one reader thread a link takes the frames out and calls the handler, so its calls
 * come one at a time, in order, and {@link FrameHandler#onClose} exactly once, last.
 *
 * <p>The reader waits as every shm waiter does (spin, yield, poll, then sleep until the sender rings this process's
 * bell), so an idle link costs no CPU, and notices a dead peer within the liveness interval (about 10 ms): by the
 * pipe's holder table once the peer attached, by the peer's pid before.
 */
final class ShmLink implements FrameLink {
    private static final byte FRAME = 0;
    private static final byte GOODBYE = 1;
    private static final long CLOSE_TIMEOUT_MILLIS = 5_000;

    private final ShmPipe pipe;
    private final long ticket;
    private final Runnable onEnded;
    private final Object lock = new Object();
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private volatile FrameHandler handler;
    private volatile boolean open = true;
    private volatile boolean closeCalled;
    /** When a close that waits for the peer's goodbye gives up; set before {@link #closeCalled}. */
    private volatile long closeDeadline;
    private volatile Thread reader;
    private volatile Throwable failure;

    /**
     * @param ticket  the departure ticket of the peer's end while it is in flight to the server (0 if none): given
     *                back when the link ends, in case the server never attached it
     * @param onEnded told once the link has ended, after {@code onClose}
     */
    ShmLink(ShmPipe pipe, long ticket, Runnable onEnded) {
        this.pipe = pipe;
        this.ticket = ticket;
        this.onEnded = onEnded;
    }

    /** Sets the handler and starts reading; once. */
    void start(FrameHandler h, String name) {
        this.handler = Objects.requireNonNull(h, "handler");
        Thread t = new ShmThread(this::readLoop, name);
        reader = t;
        t.start();
    }

    @Override
    public boolean send(ByteBuffer frame) {
        Objects.requireNonNull(frame, "frame");
        byte[] message = new byte[1 + frame.remaining()];
        message[0] = FRAME;
        frame.duplicate().get(message, 1, message.length - 1);
        synchronized (lock) {
            // with close() under one lock: a frame goes either before the goodbye or not at all
            return open && append(message);
        }
    }

    private boolean append(byte[] message) {
        try {
            return pipe.send(message);
        } catch (RuntimeException e) {
            fail(e); // the shared-memory folder is full, say: the link cannot go on
            return false;
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (!closeCalled) {
                // the deadline first: the reader reads closeCalled, then the deadline, without the lock
                closeDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MILLIS);
                closeCalled = true;
                if (open) {
                    open = false;
                    append(new byte[] {GOODBYE});
                }
            }
        }
        Thread r = reader;
        if (r == null || r == Thread.currentThread()) {
            return; // not reading yet (inside accept), or the handler itself: the reader ends at the goodbye
        }
        pipe.kick(); // a reader waiting without a deadline takes up the close's
        if (ShmThread.current()) {
            return; // another transport thread must not wait
        }
        try {
            long left = closeDeadline - System.nanoTime();
            if (!readerDone.await(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                fail(new IOException("closed after waiting " + CLOSE_TIMEOUT_MILLIS + " ms for the peer's goodbye"));
                readerDone.await(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the link with a cause: the reader stops and reports it. */
    void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        open = false;
        pipe.close();
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
        pipe.close();
        if (ticket != 0) {
            pipe.release(ticket); // the server never attached the peer's end: nothing else would give it back
        }
        try {
            handler.onClose(this, failure != null ? failure : cause);
        } finally {
            readerDone.countDown();
            onEnded.run();
        }
    }

    /** @return null after the peer's goodbye; else why the link ended */
    private Throwable readFrames() {
        while (true) {
            byte[] m;
            try {
                int kicked = pipe.kicks(); // before reading closeCalled: a close() in between is not missed
                m = pipe.receive(closeCalled ? Math.max(0, closeDeadline - System.nanoTime()) : -1, Integer.MAX_VALUE,
                        kicked);
            } catch (InterruptedException e) {
                continue; // a handler left the interrupt status set; the link is not for interrupting
            }
            if (m == null) {
                if (failure != null) {
                    return failure;
                }
                if (!pipe.isEnded()) {
                    if (!closeCalled || closeDeadline - System.nanoTime() > 0) {
                        continue; // kicked by close(), or waiting with its deadline
                    }
                    return new IOException("closed after waiting " + CLOSE_TIMEOUT_MILLIS
                            + " ms for the peer's goodbye");
                }
                return new EOFException("the peer's end of the link ended without a goodbye: its process died or"
                        + " its transport closed");
            }
            if (m[0] == GOODBYE) {
                synchronized (lock) {
                    if (!closeCalled) {
                        // answer, so that the peer's reader ends in order too
                        closeCalled = true;
                        open = false;
                        append(new byte[] {GOODBYE});
                    }
                }
                return null;
            }
            try {
                handler.onFrame(this, ByteBuffer.wrap(m, 1, m.length - 1).slice());
            } catch (RuntimeException | Error e) {
                return e;
            }
        }
    }
}
