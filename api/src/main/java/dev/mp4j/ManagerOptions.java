package dev.mp4j;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link Managers#serve} serves: the address, the authkey and the objects exposed by name. Immutable:
 * each method returns a new options object.
 *
 * <pre>{@code
 * Manager m = Managers.serve(ManagerOptions.create()
 *         .address("tcp://127.0.0.1:50000").authkey(key).expose("jobs", jobs));
 * }</pre>
 */
public final class ManagerOptions {
    private final String address;
    private final byte[] authkey;
    private final Map<String, Object> exposed;

    private ManagerOptions(String address, byte[] authkey, Map<String, Object> exposed) {
        this.address = address;
        this.authkey = authkey;
        this.exposed = exposed;
    }

    /**
     * @return options with a Unix domain socket in a new folder only this user can enter, the authkey of this
     *         process tree, and nothing exposed
     */
    public static ManagerOptions create() {
        return new ManagerOptions(null, null, Map.of());
    }

    /**
     * @param address {@code tcp://HOST:PORT} (port 0 for any free port) or {@code unix:/path/to/socket}
     * @throws IllegalArgumentException if the address is neither
     */
    public ManagerOptions address(String address) {
        Objects.requireNonNull(address, "address");
        if (!address.startsWith("tcp://") && !address.startsWith("unix:")) {
            throw new IllegalArgumentException("a manager address is tcp://HOST:PORT or unix:/path/to/socket, not "
                    + address);
        }
        return new ManagerOptions(address, authkey, exposed);
    }

    /**
     * @param authkey the key every connection must prove it holds; copied
     * @throws IllegalArgumentException if it is empty
     */
    public ManagerOptions authkey(byte[] authkey) {
        Objects.requireNonNull(authkey, "authkey");
        if (authkey.length == 0) {
            throw new IllegalArgumentException("an authkey must not be empty; 32 random bytes are a good key");
        }
        return new ManagerOptions(address, authkey.clone(), exposed);
    }

    /**
     * Exposes {@code object}, which lives in the serving JVM, under {@code name}: clients reach it with
     * {@link Manager#get(String, Class)}, and it lives as long as the manager.
     *
     * @throws IllegalArgumentException if the name is empty or already exposed
     */
    public ManagerOptions expose(String name, Object object) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(object, "object");
        if (name.isEmpty() || exposed.containsKey(name)) {
            throw new IllegalArgumentException(name.isEmpty() ? "an exposed name must not be empty"
                    : "the name " + name + " is already exposed");
        }
        Map<String, Object> m = new LinkedHashMap<>(exposed);
        m.put(name, object);
        return new ManagerOptions(address, authkey, Collections.unmodifiableMap(m));
    }

    /** @return the address to serve on, or null for a new private Unix domain socket */
    public String address() {
        return address;
    }

    /** @return a copy of the authkey, or null for the process tree's */
    public byte[] authkey() {
        return authkey == null ? null : authkey.clone();
    }

    /** @return the exposed objects by name, in the order they were exposed */
    public Map<String, Object> exposed() {
        return exposed;
    }

    @Override
    public String toString() {
        return "ManagerOptions[address=" + (address == null ? "(private unix socket)" : address)
                + ", authkey=" + (authkey == null ? "(the tree's)" : "(" + authkey.length + " bytes)")
                + ", exposed=" + exposed.keySet() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManagerOptions m && Objects.equals(address, m.address)
                && Arrays.equals(authkey, m.authkey) && exposed.equals(m.exposed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, Arrays.hashCode(authkey), exposed);
    }
}
