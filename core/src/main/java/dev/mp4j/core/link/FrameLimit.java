package dev.mp4j.core.link;

import dev.mp4j.MessageTooLongException;

/**
 * The longest frame a link carries, and what that leaves for an item or message: the smaller of the two
 * processes' {@link dev.mp4j.spi.Transport#maxFrameBytes()}, which they tell each other in the handshake.
 */
public final class FrameLimit {
    private FrameLimit() {}

    /** @return the longest payload a frame of at most {@code frameLimit} bytes carries after {@link Wire#HEADER} */
    public static int payloadLimit(int frameLimit) {
        return frameLimit == Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(0, frameLimit - Wire.HEADER);
    }

    /** @return the limit to send under: the smaller of this side's and the one the peer stated (0 or less: none) */
    static int agreed(int own, long stated) {
        return stated > 0 && stated < own ? (int) stated : own;
    }

    /**
     * @param length  the encoded item's or message's length
     * @param limit   the longest it may be
     * @param between what it was to cross: "the process at …", "this transport"
     * @return the exception a sender throws, having sent nothing
     */
    public static MessageTooLongException exceeded(int length, int limit, String between) {
        return new MessageTooLongException("an item or message of " + length + " bytes (encoded) is longer than the "
                + limit + " bytes " + between + " carries, the smaller of both processes' transport limits (for the"
                + " netty transports, raise -Dmp4j.netty.maxFrameBytes in both); nothing was sent, and the queue or"
                + " connection can still be used", length);
    }
}
