package dev.mp4j.transport.chronicle;

import dev.mp4j.shm.MappedSegment;
import dev.mp4j.shm.ParkedWaiters;
import dev.mp4j.shm.ProcessLiveness;
import dev.mp4j.shm.ReaderThreadLink;
import dev.mp4j.shm.Wait;
import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.io.SingleThreadedChecked;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A {@link FrameLink} over two Chronicle queues, one a direction: a frame is one document, its first byte saying
 * whether it is a frame or the goodbye. {@link #send} appends to the outgoing queue from the caller's thread under
 * the link's lock (so there is no writer thread and nothing to flush), then rings the peer's reader if it sleeps.
 * One reader thread a link reads the incoming queue with a tailer and calls the handler, so its calls come one at
 * a time, in order, and {@link FrameHandler#onClose} exactly once, last ({@link ReaderThreadLink}).
 *
 * <p>The reader waits as every shared-memory waiter does ({@link Wait}: spin, yield, poll, then sleep until the
 * sender rings this process's bell), so an idle link costs no CPU beyond a look every liveness interval (10 ms),
 * at which it also checks that the peer's process lives: a killed peer is seen within about 10 ms, after every
 * frame it wrote whole was delivered.
 *
 * <p>The journals roll every second ({@link SecondlyRoll}); the reader removes the files of the seconds it has read
 * past, so a link that lives for days holds only its last second or two of frames.
 *
 * <p>The second side to end removes the link's queues and segment; if the peer died, the survivor does.
 */
final class ChronicleLink extends ReaderThreadLink {
    /** A received frame up to this size reuses the reader's buffer; a larger one gets its own array, not kept. */
    private static final int KEPT_BUFFER_BYTES = 64 << 10;

    private final MappedSegment segment;
    private final Path folder;
    private final SingleChronicleQueue outgoing;
    private final SingleChronicleQueue incoming;
    private final ExcerptAppender appender;
    private final ParkedWaiters mine;
    private final ParkedWaiters peers;
    private final long peerPid;
    /** Under the lock. */
    private boolean resourcesClosed;
    private byte[] buffer = new byte[256];

    /**
     * @param server   whether this is the accepting side
     * @param folder   the link's folder, holding both queues
     * @param onEnded  told once the link has ended, after {@code onClose}
     * @param onError  told when an {@link Error} ended it
     */
    ChronicleLink(MappedSegment segment, boolean server, Path folder, long peerPid, Runnable onEnded,
                  Consumer<Error> onError) {
        super(onEnded, onError);
        this.segment = segment;
        this.folder = folder;
        this.peerPid = peerPid;
        String out = server ? LinkLayout.SERVER_TO_CLIENT : LinkLayout.CLIENT_TO_SERVER;
        String in = server ? LinkLayout.CLIENT_TO_SERVER : LinkLayout.SERVER_TO_CLIENT;
        this.outgoing = Chronicle.open(folder.resolve(out));
        this.incoming = Chronicle.open(folder.resolve(in));
        this.appender = outgoing.createAppender();
        anyThread(appender); // senders take turns under the link's lock
        ParkedWaiters client = new ParkedWaiters(segment, LinkLayout.CLIENT_WAITERS_AT);
        ParkedWaiters serverSide = new ParkedWaiters(segment, LinkLayout.SERVER_WAITERS_AT);
        this.mine = server ? serverSide : client;
        this.peers = server ? client : serverSide;
    }

    static void anyThread(Object chronicleObject) {
        if (chronicleObject instanceof SingleThreadedChecked checked) {
            checked.singleThreadedCheckDisabled(true);
        }
    }

    @Override
    protected boolean append(byte type, ByteBuffer frame) {
        if (frame != null && frame.remaining() > Chronicle.MAX_FRAME_BYTES) {
            fail(new IOException("a frame of " + frame.remaining() + " bytes is over the chronicle transport's"
                    + " limit of " + Chronicle.MAX_FRAME_BYTES + " bytes"));
            return false;
        }
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(type);
            if (frame != null) {
                ByteBuffer f = frame.duplicate();
                if (f.hasArray()) {
                    bytes.write(f.array(), f.arrayOffset() + f.position(), f.remaining());
                } else {
                    while (f.hasRemaining()) {
                        bytes.writeSome(f);
                    }
                }
            }
            return true;
        } catch (RuntimeException e) {
            fail(e); // the shared-memory folder is full, say: the link cannot go on
            return false;
        }
    }

    /** Wakes the peer's reader if it sleeps ({@link ParkedWaiters#wake} fences the appended header first). */
    @Override
    protected void ringPeer() {
        peers.wake();
    }

    @Override
    protected void wakeReader() {
        mine.wake();
    }

    @Override
    protected Thread newReaderThread(Runnable body, String name) {
        return new ChronicleThread(body, name);
    }

    @Override
    protected boolean onTransportThread() {
        return ChronicleThread.current();
    }

    /** Frees a link the server never took: its queues here, and its files, which nobody else uses. */
    void discard() {
        neverStarted();
        synchronized (lock()) {
            closeResources();
        }
        MappedSegment.deletePartFolder(folder);
        try {
            MappedSegment.unlinkPart(segment.name());
        } catch (RuntimeException goneAlready) {
            // nothing to remove
        }
    }

    /** Closes the queues; the second side to end (or the survivor of a dead peer) removes the link's files. */
    @Override
    protected void readerEnded() {
        synchronized (lock()) {
            if (resourcesClosed) {
                return;
            }
            closeResources();
        }
        int ended = segment.getAndAddInt(LinkLayout.ENDED_AT, 1);
        peers.wake(); // a peer that is still reading learns that this side ended, goodbye or not
        if (ended == 1 || ProcessLiveness.isDead(peerPid)) {
            MappedSegment.deletePartFolder(folder);
            try {
                MappedSegment.unlinkPart(segment.name());
            } catch (RuntimeException goneAlready) {
                // removed by the peer meanwhile, or by the tree's clean-up
            }
        }
    }

    /** Under the lock. */
    private void closeResources() {
        resourcesClosed = true;
        closeQuietly(appender);
        closeQuietly(outgoing);
        closeQuietly(incoming);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing what is being removed: nothing to keep
        }
    }

    @Override
    protected Throwable readFrames() throws IOException {
        ExcerptTailer tailer = incoming.createTailer();
        try {
            return readFrames(tailer);
        } finally {
            closeQuietly(tailer);
        }
    }

    private Throwable readFrames(ExcerptTailer tailer) throws IOException {
        Wait wait = null;
        boolean waitHasDeadline = false;
        boolean peerDead = false;
        boolean peerEnded = false;
        int cycle = Integer.MIN_VALUE;
        try {
            while (true) {
                if (failure() != null) {
                    return failure();
                }
                byte[] frame;
                int length;
                byte type;
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        type = -1;
                        frame = null;
                        length = 0;
                    } else {
                        Bytes<?> bytes = dc.wire().bytes();
                        long remaining = bytes.readRemaining();
                        if (remaining < 1 || remaining - 1 > Chronicle.MAX_FRAME_BYTES) {
                            throw new IOException("a malformed document of " + remaining + " bytes in " + folder);
                        }
                        type = bytes.readByte();
                        length = (int) (remaining - 1);
                        frame = length <= KEPT_BUFFER_BYTES ? grown(length) : new byte[length];
                        bytes.read(frame, 0, length);
                    }
                }
                if (type != -1 && tailer.cycle() != cycle) {
                    cycle = tailer.cycle();
                    Chronicle.retireBefore(incoming, cycle); // this reader, the only one, has read every one before
                }
                if (type == FRAME) {
                    if (wait != null) {
                        wait.done(); // between frames, a new wait starts from its spin again
                        wait = null;
                    }
                    Throwable thrown = deliver(ByteBuffer.wrap(frame, 0, length).slice());
                    if (thrown != null) {
                        return thrown;
                    }
                    continue;
                }
                if (type == GOODBYE) {
                    goodbyeReceived();
                    return null;
                }
                if (type != -1) {
                    throw new IOException("a document of unknown type " + type + " in " + folder);
                }
                // nothing to read
                if (peerDead) {
                    return new EOFException("the peer's process " + peerPid + " died without a goodbye");
                }
                if (peerEnded) {
                    return new EOFException("the peer (process " + peerPid + ") ended the link without a goodbye: it"
                            + " failed on its side");
                }
                if (segment.getIntVolatile(LinkLayout.ENDED_AT) > 0) {
                    peerEnded = true; // one more look: its goodbye, if it said one, was written before it ended
                    continue;
                }
                boolean closing = closeCalled();
                if (closing && !waitHasDeadline) {
                    if (wait != null) {
                        wait.done();
                    }
                    wait = null; // the close's deadline bounds the wait from now on
                }
                if (wait == null) {
                    waitHasDeadline = closing;
                    wait = new Wait(closeNanosLeft(), mine);
                }
                if (!wait.pauseUninterruptibly()) {
                    return goodbyeTimedOut();
                }
                if (wait.livenessCheckDue() && ProcessLiveness.isDead(peerPid)) {
                    peerDead = true; // one more look: what it wrote whole before it died is delivered first
                }
            }
        } finally {
            if (wait != null) {
                wait.done();
            }
            Thread.interrupted(); // a handler's interrupt is not the link's
        }
    }

    private byte[] grown(int length) {
        if (buffer.length < length) {
            buffer = new byte[Math.max(length, Math.min(KEPT_BUFFER_BYTES, buffer.length * 2))];
        }
        return buffer;
    }
}
