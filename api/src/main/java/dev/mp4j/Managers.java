package dev.mp4j;

import dev.mp4j.runtime.Transports;

import java.util.Objects;

/**
 * Managers served in this JVM or reached at an address: Python's {@code BaseManager(address, authkey)} with
 * {@code get_server().serve_forever()} and {@code connect()}. A manager started as a child process is
 * {@link Context#manager()}.
 */
public final class Managers {
    private Managers() {}

    /**
     * Serves a manager in this JVM, on threads of its own, until {@link Manager#shutdown()} or the JVM's exit;
     * returns at once. Python's {@code get_server().serve_forever()}, without blocking the caller.
     *
     * @throws IllegalArgumentException if the address is malformed
     * @throws MpException              if it cannot listen there (the port is taken, the socket file exists)
     */
    public static Manager serve(ManagerOptions options) {
        Objects.requireNonNull(options, "options");
        return Transports.runtime().serveManager(options);
    }

    /**
     * Connects to the manager at {@code address}, from any JVM, in this process tree or not.
     *
     * @param authkey the manager's key
     * @throws IllegalArgumentException if the address is malformed
     * @throws AuthenticationException  if the manager does not hold {@code authkey}
     * @throws MpException              if nothing answers there within two seconds
     */
    public static Manager connect(String address, byte[] authkey) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(authkey, "authkey");
        return Transports.runtime().connectManager(address, authkey.clone());
    }
}
