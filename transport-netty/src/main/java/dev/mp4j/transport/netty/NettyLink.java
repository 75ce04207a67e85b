package dev.mp4j.transport.netty;

import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
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
 * {@code [frame decoder, this]}. On the wire each frame is a 4-byte big-endian length, then that many bytes; a
 * length of 0 is an empty frame. Netty's {@link LengthFieldBasedFrameDecoder} reads them; this class writes them
 * itself (see {@link #writeQueued}).
 *
 * <p><b>Sending.</b> {@link #send} never touches the channel: it offers a slice of the buffer (no copy) to a
 * lock-free multi-producer queue, and the sender that finds no drain pending submits one drain task to the
 * channel's event loop. The drain packs everything queued into a few pooled buffers and flushes once, so a burst
 * of frames costs one task, one flush and few system calls. The queue is unbounded: a peer that
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
    private static final int MAX_BYTES_PER_DRAIN = 1 << 20;
    // Frames up to this size are copied into a shared batch buffer; larger ones are written as they are. Netty
    // spends about a microsecond per buffer it writes (outbound entry, recycled objects, and for heap buffers a
    // copy into a direct one anyway), while copying a few KiB costs a fraction of that.
    private static final int COPY_LIMIT = 32 * 1024;
    private static final int BATCH_INITIAL_BYTES = 1024;
    private static final int BATCH_MAX_BYTES = 64 * 1024;

    private final Channel channel;
    private final EventLoop loop;
    private final Queue<ByteBuffer> outbox = PlatformDependent.newMpscQueue();
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
    private int truncatedBytes;

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
    static NettyLink install(Channel channel, int maxFrameBytes, FrameHandler handler) {
        NettyLink link = new NettyLink(channel, handler);
        channel.pipeline().addLast("frameDecoder", new FrameDecoder(maxFrameBytes, link));
        channel.pipeline().addLast("link", link);
        return link;
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
        // The slice pins the frame's position and limit at the time of the call: the caller owns those.
        outbox.offer(frame.slice());
        if (!scheduleDrain()) {
            open = false;
            return false;
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
        if (!closeRequested.compareAndSet(false, true)) {
            return;
        }
        open = false;
        try {
            // The deadline runs from the close() call, so it bounds the whole drain, however long the queue.
            io.netty.util.concurrent.Future<?> deadline =
                    loop.schedule(this::forceClose, CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            channel.closeFuture().addListener(f -> deadline.cancel(false));
        } catch (RejectedExecutionException e) {
            // The event loop is shutting down, and closes every channel as it goes.
            return;
        }
        // The drain writes the close marker once the queue is empty (see drain()).
        scheduleDrain();
    }

    /** Waits up to the given time for the channel to close; returns early, interrupt flag set, if interrupted. */
    void awaitClosed(long millis) {
        try {
            channel.closeFuture().await(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return false if the event loop is gone, so nothing will ever be written */
    private boolean scheduleDrain() {
        if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true)) {
            try {
                loop.execute(drainTask);
            } catch (RejectedExecutionException e) {
                // The transport shut its event loop down: the channel is closed or about to be.
                return false;
            }
        }
        return true;
    }

    // ---- event loop ----

    private void drain() {
        if (writeQueued()) {
            // Still marked scheduled, so senders keep skipping the CAS; the rest goes out in a later task, after
            // whatever else waits on this thread.
            loop.execute(drainTask);
            return;
        }
        if (closeRequested.get() && !outputClosed) {
            writeCloseMarker();
        }
        drainScheduled.set(false);
        // A sender (or close()) may have acted after our last look but seen the flag still set: that work is ours.
        if ((!outbox.isEmpty() || (closeRequested.get() && !outputClosed))
                && drainScheduled.compareAndSet(false, true)) {
            loop.execute(drainTask);
        }
    }

    /**
     * Writes queued frames, up to {@value #MAX_FRAMES_PER_DRAIN} frames or {@value #MAX_BYTES_PER_DRAIN} bytes,
     * and flushes once. Each frame goes out as a 4-byte big-endian length and its bytes, the format
     * {@link io.netty.handler.codec.LengthFieldPrepender} makes; headers and small frames are packed into pooled
     * direct batch buffers, large frames follow their header without a copy.
     *
     * @return whether it stopped at a limit, with frames possibly left
     */
    private boolean writeQueued() {
        if (outputClosed || !channel.isActive()) {
            // Nothing may follow the close marker, and writes to a dead channel would only report errors that
            // hide the real cause.
            outbox.clear();
            return false;
        }
        ByteBufAllocator alloc = ctx.alloc();
        ByteBuf batch = null;
        int frames = 0;
        long bytes = 0;
        ByteBuffer frame;
        while ((frame = outbox.poll()) != null) {
            int length = frame.remaining();
            boolean copy = length <= COPY_LIMIT;
            if (batch != null && batch.maxWritableBytes() < 4 + (copy ? length : 0)) {
                write(batch);
                batch = null;
            }
            if (batch == null) {
                batch = alloc.directBuffer(BATCH_INITIAL_BYTES, BATCH_MAX_BYTES);
            }
            batch.writeInt(length);
            if (copy) {
                batch.writeBytes(frame);
            } else {
                write(batch);
                batch = null;
                write(Unpooled.wrappedBuffer(frame));
            }
            bytes += length;
            if (++frames == MAX_FRAMES_PER_DRAIN || bytes >= MAX_BYTES_PER_DRAIN) {
                break;
            }
        }
        if (batch != null) {
            write(batch);
        }
        if (frames > 0) {
            ctx.flush();
        }
        return frame != null;
    }

    private void write(ByteBuf buf) {
        // The void promise saves a promise per write; a failed write then surfaces in exceptionCaught.
        ctx.write(buf, ctx.voidPromise());
    }

    private void writeCloseMarker() {
        outputClosed = true;
        if (!channel.isActive()) {
            channel.close();
            return;
        }
        // Closing the channel right away would drop writes still in Netty's outbound buffer. An empty write
        // completes only after every earlier write reached the socket, so close then.
        ChannelPromise flushed = ctx.newPromise();
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER, flushed);
        flushed.addListener(ChannelFutureListener.CLOSE);
    }

    private void forceClose() {
        if (channel.isOpen()) {
            fail(new IOException("closed after waiting " + CLOSE_TIMEOUT_MILLIS + " ms for the peer to read the"
                    + " frames sent before close(); those it did not take were dropped"));
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
        outbox.clear();
        // A local close cuts off whatever the peer was sending: expected, not a failure.
        if (truncatedBytes > 0 && failure == null && !closeRequested.get()) {
            failure = new IOException("the connection ended inside a frame (" + truncatedBytes
                    + " bytes of it arrived): the peer process probably died");
        }
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
        private final int maxFrameBytes;

        FrameDecoder(int maxFrameBytes, NettyLink link) {
            // Netty counts the 4 length bytes against the maximum; the property limits the payload.
            super(maxFrameBytes > Integer.MAX_VALUE - 4 ? Integer.MAX_VALUE : maxFrameBytes + 4, 0, 4, 0, 4);
            this.link = link;
            this.maxFrameBytes = maxFrameBytes;
        }

        @Override
        protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
            try {
                return super.decode(ctx, in);
            } catch (TooLongFrameException e) {
                // Netty's message counts the length field in; say it in the terms the user configures.
                throw new TooLongFrameException("a frame longer than " + maxFrameBytes + " bytes arrived; this"
                        + " process accepts at most the system property " + NettyTransport.MAX_FRAME_PROPERTY
                        + " (" + e.getMessage() + ")", e);
            }
        }

        @Override
        protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            super.decodeLast(ctx, in, out);
            // Only noted here: frames decoded just now are delivered after this returns, and they must still
            // reach the handler before the failure does (channelInactive turns the note into the cause).
            link.truncatedBytes = in.readableBytes();
        }
    }
}
