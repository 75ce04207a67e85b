package dev.mp4j.tck;

import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link FrameHandler} that keeps a copy of every frame and notes the close, and records every breach of the
 * callback rules of {@link FrameLink}'s contract it can see from inside: a frame after the close, a second close, two
 * callbacks of one link at once. Optionally it echoes every frame from inside {@link #onFrame}.
 *
 * <p>Thread-safe: the transport calls it, test threads read it.
 */
final class Recorder implements FrameHandler {
    /** How the link closed: the cause {@link #onClose} got (null for an orderly close), and when. */
    record Closed(Throwable cause, long atNanos) {}

    private final boolean echo;
    private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    private final AtomicInteger frameCount = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();
    private final AtomicBoolean inCallback = new AtomicBoolean();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final List<String> violations = new ArrayList<>();
    private volatile Closed closed;

    /** @param echo whether to send every frame back, from inside {@link #onFrame} */
    Recorder(boolean echo) {
        this.echo = echo;
    }

    @Override
    public void onFrame(FrameLink link, ByteBuffer frame) {
        enter("onFrame");
        try {
            int n = frameCount.incrementAndGet();
            if (closed != null) {
                violation("onFrame (frame " + n + ", " + frame.remaining() + " bytes) after onClose");
            }
            byte[] copy = new byte[frame.remaining()];
            frame.get(copy);
            frames.add(copy);
            if (echo && !link.send(ByteBuffer.wrap(copy))) {
                violation("send from inside onFrame returned false while the link was open (frame " + n + ")");
            }
        } finally {
            leave();
        }
    }

    @Override
    public void onClose(FrameLink link, Throwable cause) {
        enter("onClose");
        try {
            int n = closes.incrementAndGet();
            if (n > 1) {
                violation("onClose called " + n + " times (this time with " + cause + ")");
                return;
            }
            closed = new Closed(cause, System.nanoTime());
            closedLatch.countDown();
        } finally {
            leave();
        }
    }

    private void enter(String what) {
        if (!inCallback.compareAndSet(false, true)) {
            violation(what + " ran while another callback of the same link was running");
        }
    }

    private void leave() {
        inCallback.set(false);
    }

    private void violation(String what) {
        synchronized (violations) {
            violations.add(what);
        }
    }

    /** @return the next frame, or null if none arrived within the timeout */
    byte[] awaitFrame(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @return the next frame if one arrived already, else null */
    byte[] nextFrame() {
        return frames.poll();
    }

    /** @return how many frames arrived so far */
    int frameCount() {
        return frameCount.get();
    }

    /** @return how the link closed, or null if it did not within the timeout */
    Closed awaitClose(Duration timeout) throws InterruptedException {
        closedLatch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return closed;
    }

    /** @return how the link closed, or null if it has not */
    Closed closed() {
        return closed;
    }

    /** @return how many times onClose was called */
    int closeCount() {
        return closes.get();
    }

    /** @return the breaches seen so far */
    List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }
}
