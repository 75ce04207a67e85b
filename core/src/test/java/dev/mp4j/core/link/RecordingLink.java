package dev.mp4j.core.link;

import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import dev.mp4j.spi.FrameServer;
import dev.mp4j.spi.LinkAcceptor;
import dev.mp4j.spi.Transport;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A transport of one link in memory that records what the side under test sends, and whether it was told of
 * authentication, so that a test plays the other side of the handshake frame by frame.
 */
final class RecordingLink implements Transport, FrameLink {
    final List<ByteBuffer> sent = new CopyOnWriteArrayList<>();
    final CompletableFuture<FrameHandler> handler = new CompletableFuture<>();
    final CountDownLatch closed = new CountDownLatch(1);
    final int maxFrameBytes;
    volatile boolean authenticated;

    RecordingLink(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public FrameServer listen(LinkAcceptor acceptor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FrameLink connect(String address, FrameHandler h) {
        handler.complete(h);
        return this;
    }

    @Override
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    @Override
    public boolean send(ByteBuffer frame) {
        sent.add(frame.duplicate());
        return closed.getCount() > 0;
    }

    @Override
    public boolean isOpen() {
        return closed.getCount() > 0;
    }

    @Override
    public void authenticated() {
        authenticated = true;
    }

    @Override
    public void close() {
        closed.countDown();
    }

    ByteBuffer last() {
        return sent.get(sent.size() - 1);
    }

    /** The test, as the server, sends a frame to the client under test. */
    void serverSends(byte op, byte[] payload) throws Exception {
        handler.get(10, TimeUnit.SECONDS).onFrame(this, Wire.frame(op, 0, 0, 0, payload));
    }

    /** Connects {@code peer} over this link on a thread of its own. @return null once it connected, else why not */
    CompletableFuture<Throwable> connect(Peer peer) {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread c = new Thread(() -> {
            try {
                peer.connect(this);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        c.setDaemon(true);
        c.start();
        return outcome;
    }
}
