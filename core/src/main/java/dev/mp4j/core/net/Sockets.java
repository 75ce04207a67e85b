package dev.mp4j.core.net;

import dev.mp4j.MpException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Opens authenticated client channels, and bounds how long a handshake may take, on either side. */
public final class Sockets {
    static final long HANDSHAKE_MILLIS = 5_000;
    static final int CONNECT_MILLIS = 2_000;
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private Sockets() {}

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mp4j-handshake-deadline");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true); // a handshake that ended in time leaves nothing queued for a minute
        return e;
    }

    /**
     * Connects to {@code address} and passes the challenge under {@code key}.
     *
     * @throws IllegalArgumentException if the address is malformed
     * @throws dev.mp4j.AuthenticationException if the other side does not hold the key
     * @throws MpException              if nothing answers there within two seconds, or the handshake does not end
     *                                  within five
     */
    public static FramedChannel connect(String address, byte[] key) {
        Address a = Address.parse(address);
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(a.family());
            if (a.isUnix()) {
                ch.connect(a.socket());
            } else {
                InetSocketAddress target = (InetSocketAddress) a.socket();
                if (target.isUnresolved()) {
                    throw new MpException("cannot reach " + address + ": unknown host " + target.getHostString());
                }
                ch.socket().connect(target, CONNECT_MILLIS);
            }
            FramedChannel framed = new FramedChannel(ch, address, Challenge.PRE_AUTH_FRAME);
            ScheduledFuture<?> deadline = deadline(framed);
            try {
                Challenge.client(framed, key);
            } finally {
                deadline.cancel(false);
            }
            return framed;
        } catch (MpException e) {
            closeQuietly(ch);
            throw e;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new MpException("cannot reach " + address + ": " + e.getMessage()
                    + " (nothing listens there, it is not an mp4j listener, or it did not answer in time)", e);
        }
    }

    static ScheduledFuture<?> deadline(FramedChannel ch) {
        return atDeadline(ch::close, HANDSHAKE_MILLIS);
    }

    /**
     * Runs {@code action} on the one daemon thread that ends handshakes which took too long, after {@code millis};
     * the action must not block.
     */
    public static ScheduledFuture<?> atDeadline(Runnable action, long millis) {
        return DEADLINES.schedule(action, millis, TimeUnit.MILLISECONDS);
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
