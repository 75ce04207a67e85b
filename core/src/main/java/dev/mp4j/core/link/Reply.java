package dev.mp4j.core.link;

import java.nio.charset.StandardCharsets;

/** The owner's answer to a call: a {@link Wire} status, a number, and a payload. */
public record Reply(long status, long value, byte[] payload) {
    public static final byte[] NONE = new byte[0];

    public String message() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
