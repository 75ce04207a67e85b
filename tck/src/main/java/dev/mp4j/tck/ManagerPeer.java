package dev.mp4j.tck;

import dev.mp4j.AuthenticationException;
import dev.mp4j.Manager;
import dev.mp4j.Managers;

import java.util.HexFormat;
import java.util.Map;

/**
 * A JVM outside any process tree, started with a plain {@code ProcessBuilder}, that reaches a manager by address
 * and key as an unrelated program would. It reports on stderr, in lines that start with {@link PeerJvm#REPORT}.
 */
public final class ManagerPeer {
    private ManagerPeer() {}

    /** @param args the manager's address, the key in hex, and the value to put under "peer" in the exposed map */
    public static void main(String[] args) {
        try (Manager m = Managers.connect(args[0], HexFormat.of().parseHex(args[1]))) {
            Map<String, Object> shared = m.get("shared", Map.class);
            shared.put("peer", args[2]);
            System.err.println(PeerJvm.REPORT + "put " + shared.get("peer"));
        } catch (AuthenticationException e) {
            System.err.println(PeerJvm.REPORT + "refused " + e.getMessage());
        }
    }
}
