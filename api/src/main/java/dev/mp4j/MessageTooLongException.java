package dev.mp4j;

/**
 * A message is longer than the room the receiver offered ({@link Connection#recvBytes(int)},
 * {@link Connection#recvBytesInto(byte[], int)}). The message stays unread: receive it again with more room.
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

    /** @return the length of the message that did not fit, in bytes */
    public int length() {
        return length;
    }
}
