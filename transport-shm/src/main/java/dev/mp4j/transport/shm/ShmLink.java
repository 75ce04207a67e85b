package dev.mp4j.transport.shm;

import dev.mp4j.shm.ReaderThreadLink;
import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A {@link FrameLink} over a duplex {@link ShmPipe}: a frame is one message, its first byte saying whether it is a
 * frame or the goodbye. {@link #send} appends to the peer's ring from the caller's thread, so there is no writer
 * thread and nothing to flush; one reader thread a link takes the frames out and calls the handler, so its calls
 * come one at a time, in order, and {@link FrameHandler#onClose} exactly once, last ({@link ReaderThreadLink}).
 *
 * <p>The reader waits as every shm waiter does (spin, yield, poll, then sleep until the sender rings this process's
 * bell), so an idle link costs no CPU, and notices a dead peer within the liveness interval (about 10 ms): by the
 * pipe's holder table once the peer attached, by the peer's pid before.
 */
final class ShmLink extends ReaderThreadLink {
    private final ShmPipe pipe;
    private final long ticket;

    /**
     * @param ticket  the departure ticket of the peer's end while it is in flight to the server (0 if none): given
     *                back when the link ends, in case the server never attached it
     * @param onEnded told once the link has ended, after {@code onClose}
     * @param onError told when an {@link Error} ended it
     */
    ShmLink(ShmPipe pipe, long ticket, Runnable onEnded, Consumer<Error> onError) {
        super(onEnded, onError);
        this.pipe = pipe;
        this.ticket = ticket;
    }

    @Override
    protected boolean append(byte type, ByteBuffer frame) {
        byte[] message;
        if (frame == null) {
            message = new byte[] {type};
        } else {
            message = new byte[1 + frame.remaining()];
            message[0] = type;
            frame.duplicate().get(message, 1, message.length - 1);
        }
        try {
            return pipe.send(message);
        } catch (RuntimeException e) {
            fail(e); // the shared-memory folder is full, say: the link cannot go on
            return false;
        }
    }

    @Override
    protected void ringPeer() {
        // the pipe's send rang the peer's bell already, if its reader sleeps
    }

    @Override
    protected void wakeReader() {
        pipe.kick();
    }

    @Override
    protected Thread newReaderThread(Runnable body, String name) {
        return new ShmThread(body, name);
    }

    @Override
    protected boolean onTransportThread() {
        return ShmThread.current();
    }

    @Override
    public void fail(Throwable cause) {
        super.fail(cause);
        pipe.close();
    }

    @Override
    protected Throwable readFrames() {
        while (true) {
            byte[] m;
            try {
                int kicked = pipe.kicks(); // before reading closeCalled: a close() in between is not missed
                m = pipe.receive(closeNanosLeft(), Integer.MAX_VALUE, kicked);
            } catch (InterruptedException e) {
                continue; // a handler left the interrupt status set; the link is not for interrupting
            }
            if (m == null) {
                if (failure() != null) {
                    return failure();
                }
                if (!pipe.isEnded()) {
                    if (closeNanosLeft() != 0) {
                        continue; // kicked by close(), or waiting with its deadline
                    }
                    return goodbyeTimedOut();
                }
                return new EOFException("the peer's end of the link ended without a goodbye: its process died or"
                        + " its transport closed");
            }
            if (m[0] == GOODBYE) {
                goodbyeReceived();
                return null;
            }
            Throwable thrown = deliver(ByteBuffer.wrap(m, 1, m.length - 1).slice());
            if (thrown != null) {
                return thrown;
            }
        }
    }

    @Override
    protected void readerEnded() {
        pipe.close();
        if (ticket != 0) {
            pipe.release(ticket); // the server never attached the peer's end: nothing else would give it back
        }
    }
}
