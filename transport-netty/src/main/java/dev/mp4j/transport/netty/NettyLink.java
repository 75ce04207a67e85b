package dev.mp4j.transport.netty;

import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
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
import java.util.function.Consumer;

/**
 * A {@link FrameLink} over one Netty channel, and the last handler of that channel's pipeline:
 * {@code [frame decoder, this]}.
 *
 * <p><b>Wire format.</b> Each frame is a 4-byte big-endian length, then that many bytes (the format of Netty's
 * {@code LengthFieldPrepender(4)}); a length of 0 is an empty frame. The length {@code 0xFFFFFFFF}, which no frame
 * can have, is the goodbye: the last thing a side writes when its link is closed in order. Netty's
 * {@link LengthFieldBasedFrameDecoder} reads frames; this class writes them itself (see {@link #writeQueued}).
 *
 * <p><b>Sending.</b> {@link #send} never touches the channel: it offers a slice of the buffer (no copy) to a
 * lock-free multi-producer queue, and the sender that finds no drain pending submits one drain task to the
 * channel's event loop. The drain packs what is queued into a few pooled buffers and flushes once, so a burst of
 * frames costs one task, one flush and few system calls. The drain stops while the socket is full (Netty's
 * channel writability) and resumes when it drains. The queue itself is unbounded: a peer that reads slower than
 * this process sends makes it grow, and nothing pushes back on the sender; flow control is the runtime's
 * business, above the link.
 *
 * <p><b>Receiving.</b> {@link FrameHandler#onFrame} gets a view of the received bytes that is valid only during the
 * call; the buffer is released right after. If the handler throws, the link is closed with that exception as the
 * cause: a handler that failed mid-stream cannot be trusted to keep a protocol in step.
 *
 * <p><b>Closing.</b> {@link #close} sends what was queued before it, then the goodbye, then closes the channel.
 * {@link FrameHandler#onClose} runs exactly once per side, on the event loop, after the last {@code onFrame}: with
 * null after an orderly close (this side called close, or the peer's goodbye arrived), otherwise with the failure:
 * an I/O error, an over-long frame, a handler that threw, a connection that ended without a goodbye (the peer
 * process died, its transport was torn down, or it failed the link), or frames dropped because the peer did not
 * take them within {@value #CLOSE_TIMEOUT_MILLIS} ms of {@link #close}. A link whose connection never became
 * established sees no callback at all.
 *
 * <p>Thread-safe: {@link #send}, {@link #isOpen} and {@link #close} may be called from any thread; everything else
 * runs on the channel's event loop.
 */
final class NettyLink extends ChannelInboundHandlerAdapter implements FrameLink {
    /** How long {@link #close} lets queued frames drain to a peer that is slow to read them. */
    static final long CLOSE_TIMEOUT_MILLIS = 5_000;

    /** The length field value that says goodbye; as an unsigned length it exceeds any frame. */
    private static final int GOODBYE = 0xFFFF_FFFF;

    // Bound one drain task so that a sender that never pauses cannot starve reads and other links on the
    // shared event loop thread; the rest waits for the loop's next round (see drain()).
    private static final int MAX_FRAMES_PER_DRAIN = 16_384;
    private static final int MAX_BYTES_PER_DRAIN = 1 << 20;
    // Frames up to this size are copied into a shared batch buffer; larger ones are written as they are. Netty
    // spends hundreds of nanoseconds on every buffer it writes (outbound entry, recycled objects, and for heap
    // buffers a copy into a direct one anyway), while copying a few KiB costs less. Measured on 16-byte frames:
    // a wrapped buffer per frame behind LengthFieldPrepender cost the sending event loop about 1 us of CPU per
    // frame, batching about 0.2 us.
    private static final int COPY_LIMIT = 32 * 1024;
    private static final int BATCH_INITIAL_BYTES = 1024;
    private static final int BATCH_MAX_BYTES = 64 * 1024;

    // What writeQueued() reports.
    private static final int QUEUE_EMPTY = 0;
    private static final int STOPPED_AT_LIMIT = 1;
    private static final int SOCKET_FULL = 2;

    private final Channel channel;
    private final EventLoop loop;
    private final Queue<ByteBuffer> outbox = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private final ChannelFutureListener failIfNotWritten = f -> {
        if (!f.isSuccess()) {
            failHard(f.cause());
        }
    };
    private final Consumer<Error> onError;
    private volatile boolean open = true;
    /**
     * Until the runtime says so, frames longer than {@link FrameLink#PRE_AUTH_FRAME_BYTES} end an accepted link; a
     * link this process opened talks to an address it chose, and is not capped.
     */
    private volatile boolean authenticated;

    // Event loop only. The handler is set before the channel's first read (see NettyTransport), so the loop
    // thread always sees it; it is null only while a LinkAcceptor has not answered yet.
    private FrameHandler handler;
    private ChannelHandlerContext ctx;
    private boolean goodbyeWritten;
    private boolean goodbyeReceived;
    private boolean awaitingWritable;
    private Throwable failure;
    private boolean closeReported;
    private int unfinishedFrameBytes;

    private NettyLink(Channel channel, FrameHandler handler, boolean capped, Consumer<Error> onError) {
        this.channel = channel;
        this.authenticated = !capped;
        this.loop = channel.eventLoop();
        this.handler = handler;
        this.onError = onError;
    }

    /**
     * Builds a link's pipeline on a freshly registered channel. Call on the channel's event loop, before its
     * first read (in a {@code ChannelInitializer}).
     *
     * @param handler the handler, or null when a {@link #handler(FrameHandler)} call follows before the first read
     * @param capped  whether frames are capped at {@link FrameLink#PRE_AUTH_FRAME_BYTES} until {@link #authenticated()}
     * @param onError told, on the event loop, of an {@link Error} this link's callbacks or writes hit, after this link
     *                failed with it: the event loop is shared, so the transport fails every other link too
     */
    static NettyLink install(Channel channel, int maxFrameBytes, FrameHandler handler, boolean capped,
                             Consumer<Error> onError) {
        NettyLink link = new NettyLink(channel, handler, capped, onError);
        channel.pipeline().addLast("frameDecoder", new FrameDecoder(maxFrameBytes, link));
        channel.pipeline().addLast("link", link);
        return link;
    }

    /** Sets the handler of an accepted link; on the event loop, before the first read. */
    void handler(FrameHandler handler) {
        this.handler = Objects.requireNonNull(handler, "the LinkAcceptor returned a null FrameHandler");
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
    public void authenticated() {
        authenticated = true;
    }

    /**
     * Sends what was queued, then the goodbye, then closes; waits up to about {@value #CLOSE_TIMEOUT_MILLIS} ms
     * for that, unless called on the event loop, where it only starts it. Idempotent.
     */
    @Override
    public void close() {
        startClose();
        if (!loop.inEventLoop()) {
            awaitClosed(CLOSE_TIMEOUT_MILLIS + 1_000);
        }
    }

    /** Starts the orderly close without waiting for it. */
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
        // The drain writes the goodbye once the queue is empty (see drain()).
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

    // ---- event loop: sending ----

    private void drain() {
        int result;
        try {
            result = writeQueued();
        } catch (RuntimeException | Error e) {
            // Netty would log it and run the next task, leaving this link's frames queued for good
            failHard(e);
            return;
        }
        if (result == STOPPED_AT_LIMIT) {
            // Still marked scheduled, so senders keep skipping the CAS. Scheduled rather than executed: Netty runs
            // newly executed tasks in the same round, for up to a second, before it looks at I/O again, while a
            // scheduled task waits for the next round, after reads (and this socket's readiness) are handled.
            loop.schedule(drainTask, 0, TimeUnit.NANOSECONDS);
            return;
        }
        if (result == SOCKET_FULL) {
            // Still marked scheduled; channelWritabilityChanged resumes once the socket takes more. Encoding
            // frames now would only move them from our queue into Netty's, and keep this thread from handling
            // the socket's readiness to write.
            awaitingWritable = true;
            return;
        }
        // only once the queue is empty: a sender may have queued more, then called close(), since writeQueued() looked
        if (closeRequested.get() && outbox.isEmpty() && !goodbyeWritten) {
            writeGoodbyeAndClose();
        }
        drainScheduled.set(false);
        // A sender (or close()) may have acted after our last look but seen the flag still set: that work is ours.
        if ((!outbox.isEmpty() || (closeRequested.get() && !goodbyeWritten))
                && drainScheduled.compareAndSet(false, true)) {
            loop.execute(drainTask);
        }
    }

    /**
     * Writes queued frames while the channel is writable, up to {@value #MAX_FRAMES_PER_DRAIN} frames or
     * {@value #MAX_BYTES_PER_DRAIN} bytes, then flushes. Headers and small frames are packed into pooled direct
     * batch buffers; a large frame follows its header without a copy.
     *
     * @return {@link #QUEUE_EMPTY}, {@link #STOPPED_AT_LIMIT} or {@link #SOCKET_FULL}
     */
    private int writeQueued() {
        if (goodbyeWritten || goodbyeReceived || !channel.isActive()) {
            // Nothing may follow a goodbye, and writes to a dead channel would only report errors that hide the
            // real cause.
            outbox.clear();
            return QUEUE_EMPTY;
        }
        ByteBufAllocator alloc = ctx.alloc();
        ByteBuf batch = null;
        boolean wroteBatch = false;
        int frames = 0;
        long bytes = 0;
        int result;
        while (true) {
            if (frames == MAX_FRAMES_PER_DRAIN || bytes >= MAX_BYTES_PER_DRAIN) {
                result = STOPPED_AT_LIMIT;
                break;
            }
            if (!channel.isWritable()) {
                // Netty's outbound buffer passed its high water mark: push it to the socket, and stop if the
                // socket cannot take it all.
                if (batch != null) {
                    write(batch);
                    batch = null;
                }
                ctx.flush();
                if (!channel.isWritable()) {
                    result = SOCKET_FULL;
                    break;
                }
            }
            ByteBuffer frame = outbox.poll();
            if (frame == null) {
                result = QUEUE_EMPTY;
                break;
            }
            int length = frame.remaining();
            boolean copy = length <= COPY_LIMIT;
            if (batch != null && batch.maxWritableBytes() < 4 + (copy ? length : 0)) {
                write(batch);
                batch = null;
                wroteBatch = true;
            }
            if (batch == null) {
                // A lone frame gets a small buffer; once one batch filled up, more are likely to follow, and a
                // full-size buffer saves growing (and copying) it step by step.
                int capacity = wroteBatch ? BATCH_MAX_BYTES
                        : Math.max(BATCH_INITIAL_BYTES, 4 + (copy ? length : 0));
                batch = alloc.directBuffer(capacity, BATCH_MAX_BYTES);
            }
            batch.writeInt(length);
            if (copy) {
                batch.writeBytes(frame);
            } else {
                write(batch);
                batch = null;
                writeUncopied(frame);
                if (failure != null) {
                    result = QUEUE_EMPTY; // the stream is broken: nothing more may follow on it
                    break;
                }
            }
            frames++;
            bytes += length;
        }
        if (batch != null) {
            write(batch);
        }
        if (frames > 0) {
            ctx.flush();
        }
        return result;
    }

    private void write(ByteBuf buf) {
        // The void promise saves a promise per write. A batch is direct memory already, so nothing can fail before
        // the write is queued, and a failure in the socket's write surfaces in exceptionCaught.
        ctx.write(buf, ctx.voidPromise());
    }

    /**
     * Writes a frame too long to copy into a batch as it is, after its length went out in the batch before it. Netty
     * copies a heap buffer into direct memory as it takes the write, which can fail (out of direct memory), and a void
     * promise would never hear of it: the peer would then read the next frames as this one's body, and the link fall
     * silent. A real promise fails the link instead; at this size the promise costs nothing that shows.
     */
    private void writeUncopied(ByteBuffer frame) {
        ctx.write(Unpooled.wrappedBuffer(frame), ctx.newPromise().addListener(failIfNotWritten));
    }

    private void writeGoodbyeAndClose() {
        goodbyeWritten = true;
        if (!channel.isActive() || goodbyeReceived) {
            channel.close();
            return;
        }
        // Closing right away would drop writes still in Netty's outbound buffer. The goodbye's write completes
        // only after every earlier write reached the socket, so close then.
        ChannelPromise written = ctx.newPromise();
        ctx.writeAndFlush(ctx.alloc().directBuffer(4, 4).writeInt(GOODBYE), written);
        written.addListener(ChannelFutureListener.CLOSE);
    }

    private void forceClose() {
        if (channel.isOpen()) {
            fail(new IOException("closed after waiting " + CLOSE_TIMEOUT_MILLIS + " ms for the peer to read the"
                    + " frames sent before close(); those it did not take were dropped"));
        }
    }

    // ---- event loop: receiving and closing ----

    /** The peer closed in order: take its word, stop sending (it no longer reads), and close this side too. */
    private void goodbyeReceived() {
        goodbyeReceived = true;
        open = false;
        outbox.clear();
        channel.close();
    }

    /** Fails this link with what its callback or write threw; an Error fails the whole transport's links too. */
    private void failHard(Throwable t) {
        fail(t);
        if (t instanceof Error e) {
            onError.accept(e);
        }
    }

    /**
     * Fails this link because another link of its transport hit an {@link Error}. On the event loop.
     */
    void failBecause(Throwable cause) {
        fail(cause);
    }

    /** Records the first failure and closes; the cause reaches onClose once the channel is inactive. */
    private void fail(Throwable cause) {
        // After a goodbye the peer may already be gone, and errors from our last writes say nothing new.
        if (failure == null && !closeReported && !goodbyeReceived) {
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
            failHard(t);
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (awaitingWritable && channel.isWritable()) {
            awaitingWritable = false;
            drain();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failHard(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open = false;
        outbox.clear();
        // A local close cuts off whatever the peer was still sending: expected, not a failure.
        if (failure == null && !goodbyeReceived && !closeRequested.get()) {
            failure = new IOException("the connection ended without the peer closing the link"
                    + (unfinishedFrameBytes > 0 ? ", " + unfinishedFrameBytes + " bytes into a frame" : "")
                    + ": the peer process died, its transport shut down first, or it dropped the link after an"
                    + " error (see the peer's side)");
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
     * Netty's length-field decoder, plus the goodbye, clearer over-long-frame messages, and a note of bytes left
     * at end of stream (a frame cut short).
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
            // The superclass leaves the reader index on the current frame's length field until the whole frame
            // is there, so this always reads a length field.
            if (in.readableBytes() >= 4 && in.getInt(in.readerIndex()) == GOODBYE) {
                in.skipBytes(in.readableBytes());
                link.goodbyeReceived();
                return null;
            }
            long length = in.readableBytes() >= 4 ? Integer.toUnsignedLong(in.getInt(in.readerIndex())) : 0;
            if (!link.authenticated && length > FrameLink.PRE_AUTH_FRAME_BYTES) {
                in.skipBytes(in.readableBytes());
                throw new TooLongFrameException("a frame of " + length + " bytes arrived before the peer was"
                        + " authenticated; until then a link takes at most " + FrameLink.PRE_AUTH_FRAME_BYTES
                        + " bytes");
            }
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
            // Only noted: frames decoded just now are delivered after this returns, before channelInactive
            // reports the end.
            link.unfinishedFrameBytes = in.readableBytes();
        }
    }
}
