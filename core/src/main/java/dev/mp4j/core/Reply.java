package dev.mp4j.core;

import java.nio.charset.StandardCharsets;

/** The owner's answer to a call: a {@link Wire} status, a number, and a payload. */
record Reply(long status, long value, byte[] payload) {
    static final byte[] NONE = new byte[0];

    String message() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
