package dev.mp4j.core.link;

import dev.mp4j.AuthenticationException;
import dev.mp4j.MpException;
import dev.mp4j.core.net.Hmac;
import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import dev.mp4j.spi.Transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * This process's authenticated link to another process that owns objects it uses (the client side).
 * Requests carry an id; the owner answers each exactly once, with the result or, after a {@link Wire#CANCEL},
 * with {@link Wire#CANCELLED} if it had not answered yet.
 */
public final class Peer implements FrameHandler {
    private static final long SYNC_TIMEOUT_SECONDS = Long.getLong("mp4j.syncTimeoutSeconds", 30);

    private final String address;
    private final Supplier<byte[]> authkey;
    private final LongFunction<Receiver> receivers;
    private final Consumer<Peer> onClosed;
    private final Map<Long, CompletableFuture<Reply>> calls = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile FrameLink link;
    private volatile boolean authenticated;
    private volatile byte[] myNonce;
    private volatile byte[] serverNonce;
    private volatile boolean proved;
    private volatile boolean closed;
    /** Why the link ended, once it has: set before {@link #closed}. */
    private volatile Throwable closeCause;
    /** Fire-and-forget frames were sent since the last {@link #sync()}. */
    private volatile boolean unsynced;
    /** This process's transport's limit, stated to the owner. */
    private volatile int maxFrameBytes = Integer.MAX_VALUE;
    /** The longest frame this link carries both ways: the smaller of both sides' limits, once the owner stated its. */
    private volatile int sendLimit = Integer.MAX_VALUE;

    /**
     * @param authkey   the tree's key, to prove and to check
     * @param receivers finds the receiver an owner's frame is addressed to, or null
     * @param onClosed  told once, when the link closes
     */
    Peer(String address, Supplier<byte[]> authkey, LongFunction<Receiver> receivers, Consumer<Peer> onClosed) {
        this.address = address;
        this.authkey = authkey;
        this.receivers = receivers;
        this.onClosed = onClosed;
    }

    /** @return the owner's server address */
    public String address() {
        return address;
    }

    void connect(Transport transport) {
        maxFrameBytes = transport.maxFrameBytes();
        sendLimit = maxFrameBytes;
        try {
            link = transport.connect(address, this);
        } catch (IOException e) {
            throw new MpException("cannot reach the process at " + address + " (has it ended?): " + e.getMessage(), e);
        }
        try {
            ready.get(Handshake.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            link.close();
            throw e.getCause() instanceof MpException m ? m : new MpException("handshake with " + address + " failed", e.getCause());
        } catch (TimeoutException e) {
            link.close();
            throw new MpException("the process at " + address + " did not complete the handshake within "
                    + Handshake.TIMEOUT_MILLIS / 1000 + " s");
        } catch (InterruptedException e) {
            link.close();
            Thread.currentThread().interrupt();
            throw new MpException("interrupted while connecting to " + address, e);
        }
    }

    public boolean isOpen() {
        return !closed;
    }

    /** @return the longest item or message, encoded, that a frame to the owner may carry */
    public int maxPayloadBytes() {
        return FrameLimit.payloadLimit(sendLimit);
    }

    /**
     * Sends a frame that expects no reply.
     *
     * @throws dev.mp4j.MessageTooLongException if the frame is longer than the link carries; nothing was sent
     */
    public void send(ByteBuffer frame) {
        if (frame.remaining() > sendLimit) {
            throw FrameLimit.exceeded(frame.remaining() - Wire.HEADER, maxPayloadBytes(), "the link to " + address);
        }
        if (!link.send(frame)) {
            throw gone(null);
        }
    }

    /** Sends a frame that expects no reply and must be flushed before a child starts or this process ends. */
    public void sendUnsynced(ByteBuffer frame) {
        unsynced = true;
        send(frame);
    }

    public long newRequestId() {
        return requestIds.incrementAndGet();
    }

    public CompletableFuture<Reply> expect(long requestId) {
        CompletableFuture<Reply> f = new CompletableFuture<>();
        calls.put(requestId, f);
        if (closed) {
            calls.remove(requestId);
            f.completeExceptionally(gone(null));
        }
        return f;
    }

    /** Sends a call and waits for its reply, uninterruptibly: for calls the owner answers at once. */
    public Reply call(long requestId, ByteBuffer frame) {
        CompletableFuture<Reply> f = expect(requestId);
        send(frame);
        return join(f);
    }

    /**
     * Waits for a reply. On timeout or interrupt, cancels the request and returns the owner's final answer:
     * {@link Wire#CANCELLED} as a status for a timeout; for an interrupt, {@link InterruptedException} unless
     * the owner had already answered, in which case the answer is returned with the interrupt flag set.
     *
     * @param timeoutNanos negative to wait as long as it takes
     */
    public Reply await(CompletableFuture<Reply> f, long requestId, long objectId, long timeoutNanos) throws InterruptedException {
        try {
            return timeoutNanos < 0 ? f.get() : f.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return cancel(f, requestId, objectId);
        } catch (InterruptedException e) {
            Reply r = cancel(f, requestId, objectId);
            if (r.status() == Wire.CANCELLED) {
                throw e;
            }
            Thread.currentThread().interrupt();
            return r;
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private Reply cancel(CompletableFuture<Reply> f, long requestId, long objectId) {
        if (!f.isDone()) {
            link.send(Wire.frame(Wire.CANCEL, requestId, objectId, 0));
        }
        return join(f);
    }

    private static Reply join(CompletableFuture<Reply> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw unwrap(e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static MpException unwrap(ExecutionException e) {
        return e.getCause() instanceof MpException m ? m : new MpException(String.valueOf(e.getCause()), e.getCause());
    }

    /** Waits until the owner has handled every frame sent before; a no-op if nothing unanswered was sent. */
    public void sync() {
        if (!unsynced || closed) {
            return;
        }
        unsynced = false;
        long id = newRequestId();
        CompletableFuture<Reply> f = expect(id);
        try {
            send(Wire.frame(Wire.SYNC, id, 0, 0));
            // bounded: an owner that is stopped (SIGSTOP) or wedged must not hold this process's exit forever
            f.get(SYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (MpException | ExecutionException | TimeoutException ignored) {
            // the owner is gone or not answering: nothing more can be flushed to it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            calls.remove(id);
        }
    }

    @Override
    public void onFrame(FrameLink l, ByteBuffer f) {
        if (!Wire.wellFormed(f)) {
            l.close();
            return;
        }
        byte op = Wire.op(f);
        if (!authenticated) {
            handshake(l, op, f);
            return;
        }
        if (Wire.kindOf(op) != 0) {
            Receiver r = receivers.apply(Wire.x(f));
            if (r != null) {
                r.onFrame(op, f);
            }
        } else if (op == Wire.REPLY) {
            CompletableFuture<Reply> c = calls.remove(Wire.x(f));
            if (c != null) {
                c.complete(new Reply(Wire.y(f), Wire.z(f), Wire.payload(f)));
            }
        }
        // any other link op is one this version does not know: ignored, for forward compatibility
    }

    /** The client's side of {@link Handshake}: send our nonce, check the server's proof, then prove ourselves. */
    private void handshake(FrameLink l, byte op, ByteBuffer f) {
        byte[] key = authkey.get();
        byte[] payload = Wire.payload(f);
        switch (op) {
            case Wire.AUTH_CHALLENGE -> {
                if (serverNonce != null || payload.length != Handshake.NONCE) {
                    refuse(l, "did not follow the handshake (a second or malformed challenge)");
                    return;
                }
                serverNonce = payload;
                myNonce = Hmac.nonce();
                sendLimit = FrameLimit.agreed(maxFrameBytes, Wire.y(f));
                l.send(Wire.frame(Wire.AUTH_RESPONSE, 0, maxFrameBytes, 0, myNonce));
            }
            case Wire.AUTH_SERVER_PROOF -> {
                if (myNonce == null || proved
                        || !Hmac.matches(Hmac.mac(key, Hmac.SERVER, myNonce, serverNonce), payload)) {
                    refuse(l, "does not hold this process tree's authkey (its proof was wrong)");
                    return;
                }
                proved = true;
                l.send(Wire.frame(Wire.AUTH_CLIENT_PROOF, 0, 0, 0,
                        Hmac.mac(key, Hmac.CLIENT, serverNonce, myNonce)));
            }
            case Wire.AUTH_WELCOME -> {
                if (!proved) {
                    refuse(l, "welcomed this process before it proved itself");
                    return;
                }
                l.authenticated();
                authenticated = true;
                ready.complete(null);
            }
            case Wire.AUTH_FAILURE -> {
                ready.completeExceptionally(new AuthenticationException("the process at " + address
                        + " refused this process: the authkeys differ"));
                l.close();
            }
            default -> refuse(l, "did not follow the handshake (op " + op + ")");
        }
    }

    private void refuse(FrameLink l, String why) {
        ready.completeExceptionally(new AuthenticationException("the process at " + address + " " + why));
        l.close();
    }

    @Override
    public void onClose(FrameLink l, Throwable cause) {
        closeCause = cause;
        closed = true;
        ready.completeExceptionally(new MpException("the process at " + address + " closed the link during the handshake", cause));
        MpException gone = gone(cause);
        calls.values().forEach(c -> c.completeExceptionally(gone));
        calls.clear();
        onClosed.accept(this);
    }

    private MpException gone(Throwable cause) {
        Throwable why = cause != null ? cause : closeCause;
        Error here = LocalFailure.in(why);
        return new MpException(here != null
                ? LocalFailure.describe(here, "the process that owns this object (at " + address + ")")
                : "the process that owns this object (at " + address + ") is gone or closed it", why);
    }

    /**
     * @param gone the words for the owner's end, for example "the process that created this pipe is gone"
     * @return those words, or, if the link ended because this process itself failed, the words for that
     */
    public String whyClosed(String gone) {
        Error here = LocalFailure.in(closeCause);
        return here == null ? gone : LocalFailure.describe(here, "the process that owns this object (at " + address + ")");
    }

    void close() {
        FrameLink l = link;
        if (l != null) {
            l.close();
        }
    }
}
