package dev.mp4j;

/**
 * A message or item is too long, in one of two places:
 * <ul>
 *   <li><b>Receiving</b>: a message is longer than the room the receiver offered ({@link Connection#recvBytes(int)},
 *       {@link Connection#recvBytesInto(byte[], int)}). The message stays unread: receive it again with more
 *       room.</li>
 *   <li><b>Sending</b>: an item or message, encoded, is longer than what the transport carries between the two
 *       processes ({@link Queue#put}, {@link Connection#send}): the smaller of the two processes' frame limits,
 *       which they exchange when they connect (the {@code netty} transports: {@code -Dmp4j.netty.maxFrameBytes},
 *       1 GiB by default; {@code chronicle}: 64 MiB less 1 KiB; {@code shm}: no limit of its own). Nothing was
 *       sent, and the queue or connection can still be used.</li>
 * </ul>
 */
public class MessageTooLongException extends MpException {
    private static final long serialVersionUID = 1L;
    private final int length;

    /**
     * @param length the length of the message that did not fit
     * @param room   the room that was offered
     */
    public MessageTooLongException(int length, int room) {
        super("the message is " + length + " bytes, longer than the " + room
                + " bytes offered; it stays unread: receive it with at least " + length + " bytes of room");
        this.length = length;
    }

    /**
     * A message the sender cannot send.
     *
     * @param message what was too long for what, and how to raise the limit
     * @param length  the message's length, in bytes
     */
    public MessageTooLongException(String message, int length) {
        super(message);
        this.length = length;
    }

    /** @return the length of the message that did not fit, in bytes */
    public int length() {
        return length;
    }
}
