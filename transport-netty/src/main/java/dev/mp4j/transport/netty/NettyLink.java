package dev.mp4j.transport.netty;

import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.util.internal.PlatformDependent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link FrameLink} over one Netty channel, and the last handler of that channel's pipeline:
 * {@code [frame decoder, length prepender, this]}. On the wire each frame is a 4-byte big-endian length, then that
 * many bytes; a length of 0 is an empty frame.
 *
 * <p><b>Sending.</b> {@link #send} never touches the channel: it wraps the buffer (no copy) and offers it to a
 * lock-free multi-producer queue, and the sender that finds no drain pending submits one drain task to the
 * channel's event loop. The drain writes everything queued and flushes once, so a burst of frames costs one
 * task, one flush and (with epoll/NIO gathering writes) few system calls. The queue is unbounded: a peer that
 * reads slower than this process sends makes it grow; flow control is the runtime's business, above the link.
 *
 * <p><b>Receiving.</b> {@link FrameHandler#onFrame} gets a view of the received bytes that is valid only during the
 * call; the buffer is released right after. If the handler throws, the link is closed with that exception as the
 * cause: a handler that failed mid-stream cannot be trusted to keep a protocol in step.
 *
 * <p><b>Closing.</b> {@link FrameHandler#onClose} runs exactly once, on the event loop, after the last
 * {@code onFrame}, with null after an orderly close by either side and otherwise the failure (an I/O error, an
 * over-long frame, a stream that ended inside a frame, a handler that threw, writes dropped because the peer did
 * not read them within {@value #CLOSE_TIMEOUT_MILLIS} ms of {@link #close}). A link whose connection never
 * became established sees no callback at all.
 *
 * <p>Thread-safe: {@link #send}, {@link #isOpen} and {@link #close} may be called from any thread; everything else
 * runs on the channel's event loop.
 */
final class NettyLink extends ChannelInboundHandlerAdapter implements FrameLink {
    /** How long {@link #close} lets queued frames drain to a peer that is slow to read them. */
    static final long CLOSE_TIMEOUT_MILLIS = 5_000;

    // Bounds one drain task so that a sender that never pauses cannot starve reads and other links on the
    // shared event loop thread; a full batch re-submits the task behind whatever else is waiting.
    private static final int MAX_FRAMES_PER_DRAIN = 16_384;

    private final Channel channel;
    private final EventLoop loop;
    private final Queue<ByteBuf> outbox = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private volatile boolean open = true;

    // Event loop only. The handler is set before the channel's first read (see NettyTransport), so the loop
    // thread always sees it; it is null only while a LinkAcceptor has not answered yet.
    private FrameHandler handler;
    private ChannelHandlerContext ctx;
    private boolean outputClosed;
    private Throwable failure;
    private boolean closeReported;

    private NettyLink(Channel channel, FrameHandler handler) {
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.handler = handler;
    }

    /**
     * Builds a link's pipeline on a freshly registered channel. Call on the channel's event loop, before its
     * first read (in a {@code ChannelInitializer}).
     *
     * @param handler the handler, or null when a {@link #handler(FrameHandler)} call follows before the first read
     */
    static NettyLink install(Channel channel, int maxFrameBytes, ChannelHandler prepender, FrameHandler handler) {
        NettyLink link = new NettyLink(channel, handler);
        channel.pipeline().addLast("frameDecoder", new FrameDecoder(maxFrameBytes, link));
        channel.pipeline().addLast("framePrepender", prepender);
        channel.pipeline().addLast("link", link);
        return link;
    }

    /** A length prepender for {@link #install}; sharable, so one per transport will do. */
    static ChannelHandler newPrepender() {
        return new LengthFieldPrepender(4);
    }

    /** Sets the handler of an accepted link; on the event loop, before the first read. */
    void handler(FrameHandler handler) {
        this.handler = Objects.requireNonNull(handler, "the LinkAcceptor returned a null FrameHandler");
    }

    /** @return the channel's close future; completes when the connection is gone */
    ChannelFuture closeFuture() {
        return channel.closeFuture();
    }

    // ---- FrameLink, any thread ----

    @Override
    public boolean send(ByteBuffer frame) {
        Objects.requireNonNull(frame, "frame");
        if (!open) {
            return false;
        }
        // Wrapping here, on the caller's thread, pins the frame's position and limit at the time of the call and
        // keeps the work off the one event loop thread that all links share.
        outbox.offer(Unpooled.wrappedBuffer(frame));
        if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true)) {
            try {
                loop.execute(drainTask);
            } catch (RejectedExecutionException e) {
                // The transport shut its event loop down: the channel is closed or about to be.
                open = false;
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        startClose();
        if (!loop.inEventLoop()) {
            awaitClosed(CLOSE_TIMEOUT_MILLIS + 1_000);
        }
    }

    /** Starts the orderly close without waiting for it; what {@link #close} does on the event loop. */
    void startClose() {
        if (closeRequested.compareAndSet(false, true)) {
            open = false;
            try {
                loop.execute(this::closeOnLoop);
            } catch (RejectedExecutionException e) {
                // The event loop is shutting down, and closes every channel as it goes.
            }
        }
    }

    /** Waits up to the given time for the channel to close; returns early, interrupt flag set, if interrupted. */
    void awaitClosed(long millis) {
        try {
            channel.closeFuture().await(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- event loop ----

    private void drain() {
        if (writeQueued(MAX_FRAMES_PER_DRAIN) == MAX_FRAMES_PER_DRAIN) {
            // Still marked scheduled: senders keep skipping the CAS while this re-submitted task is pending.
            loop.execute(drainTask);
            return;
        }
        drainScheduled.set(false);
        // A sender may have queued after our last poll but seen the flag still set; that frame is ours to send.
        if (!outbox.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            loop.execute(drainTask);
        }
    }

    /** @return how many frames it wrote, at most {@code max} */
    private int writeQueued(int max) {
        if (outputClosed || !channel.isActive()) {
            // Nothing may follow the close marker, and writes to a dead channel would only report errors that
            // hide the real cause.
            discardQueued();
            return 0;
        }
        int written = 0;
        ByteBuf frame;
        while (written < max && (frame = outbox.poll()) != null) {
            // The void promise saves a promise per frame; a failed write then surfaces in exceptionCaught.
            ctx.write(frame, ctx.voidPromise());
            written++;
        }
        if (written > 0) {
            ctx.flush();
        }
        return written;
    }

    private void discardQueued() {
        ByteBuf frame;
        while ((frame = outbox.poll()) != null) {
            frame.release();
        }
    }

    private void closeOnLoop() {
        writeQueued(Integer.MAX_VALUE);
        outputClosed = true;
        if (!channel.isActive()) {
            channel.close();
            return;
        }
        // Closing the channel right away would drop writes still in Netty's outbound buffer. An empty write
        // completes only after every earlier write reached the socket, so close then. It starts at the first
        // context so the length prepender does not turn it into an empty frame.
        ChannelPromise flushed = channel.newPromise();
        channel.pipeline().firstContext().writeAndFlush(Unpooled.EMPTY_BUFFER, flushed);
        flushed.addListener(ChannelFutureListener.CLOSE);
        io.netty.util.concurrent.Future<?> deadline =
                loop.schedule(this::forceClose, CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f -> deadline.cancel(false));
    }

    private void forceClose() {
        if (channel.isOpen()) {
            long unsent = channel.unsafe().outboundBuffer() != null
                    ? channel.unsafe().outboundBuffer().totalPendingWriteBytes() : 0;
            fail(new IOException("closed after waiting " + CLOSE_TIMEOUT_MILLIS + " ms for the peer to read; "
                    + unsent + " bytes were never sent"));
        }
    }

    /** Records the first failure and closes; the cause reaches onClose once the channel is inactive. */
    private void fail(Throwable cause) {
        if (failure == null && !closeReported) {
            failure = cause;
        }
        open = false;
        channel.close();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            // After a failure the decoder may still hold frames of the same read; they must not follow it.
            if (failure == null && !closeReported && handler != null) {
                handler.onFrame(this, frame.nioBuffer());
            }
        } catch (Throwable t) {
            fail(t);
        } finally {
            frame.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open = false;
        discardQueued();
        if (!closeReported) {
            closeReported = true;
            FrameHandler h = handler;
            if (h != null) {
                h.onClose(this, failure);
            }
        }
    }

    @Override
    public String toString() {
        return "NettyLink[" + channel.localAddress() + " <-> " + channel.remoteAddress() + (open ? "" : ", closed")
                + "]";
    }

    /**
     * Netty's length-field decoder, plus one check at end of stream: bytes left over mean the peer's stream ended
     * inside a frame (it died mid-write), which must reach onClose as a failure rather than look orderly.
     */
    private static final class FrameDecoder extends LengthFieldBasedFrameDecoder {
        private final NettyLink link;

        FrameDecoder(int maxFrameBytes, NettyLink link) {
            // Netty counts the 4 length bytes against the maximum; the property limits the payload.
            super(maxFrameBytes > Integer.MAX_VALUE - 4 ? Integer.MAX_VALUE : maxFrameBytes + 4, 0, 4, 0, 4);
            this.link = link;
        }

        @Override
        protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            super.decodeLast(ctx, in, out);
            int left = in.readableBytes();
            // A local close cuts off whatever the peer was sending: expected, not a failure.
            if (left > 0 && !link.closeRequested.get()) {
                in.skipBytes(left);
                // Fired, not thrown: ByteToMessageDecoder fires channelInactive before a thrown exception, and the
                // cause must be recorded before onClose runs.
                ctx.fireExceptionCaught(new IOException("the connection ended inside a frame (" + left
                        + " bytes of it arrived): the peer process probably died"));
            }
        }
    }
}
