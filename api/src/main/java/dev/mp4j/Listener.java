package dev.mp4j;

/**
 * Accepts {@link Connection}s at an address: Python's {@code multiprocessing.connection.Listener}. Made by
 * {@link Context#listen(String, byte[])}; the other side calls {@link Context#connect(String, byte[])}.
 *
 * <p>Addresses are {@code tcp://HOST:PORT} (port 0 picks a free port; {@link #address()} tells which; only
 * the address asked for is bound) or {@code unix:/path/to/socket} (a Unix domain socket; the file is made
 * readable and writable by this user only, and removed by {@link #close()}). Every connection starts with an
 * HMAC-SHA256 challenge under the authkey, in which the listening side proves it holds the key first; a peer
 * with another key gets {@link AuthenticationException} on its side, and this listener goes on waiting. Until
 * that challenge is passed, a peer can make this process hold no more than a few hundred bytes, for no more
 * than five seconds.
 *
 * <p>Accepted connections are duplex and independent of the listener: closing it leaves them open. They are
 * not {@link java.io.Serializable}: send the address to another process and connect there.
 *
 * <p>Thread-safe. Memory consistency effects: as for any {@link Connection}.
 */
public interface Listener extends AutoCloseable {
    /**
     * Waits for the next peer that passes the challenge.
     *
     * @return a duplex connection to it
     * @throws IllegalStateException if the listener is closed, before or during the wait
     * @throws InterruptedException  if interrupted while waiting
     */
    Connection accept() throws InterruptedException;

    /** @return the address peers connect to, with the port actually bound for {@code tcp://HOST:0} */
    String address();

    /** Stops listening and wakes threads blocked in {@link #accept()}. Idempotent. */
    @Override
    void close();
}
