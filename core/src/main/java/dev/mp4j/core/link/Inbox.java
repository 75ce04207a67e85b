package dev.mp4j.core.link;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * What an owned object keeps for its readers (a queue's items, the unread messages of a pipe end), first in first
 * out, with the owner's side of flow control ({@link SendWindow}): each item remembers the {@link Sender} it came
 * from, and taking it gives that sender's charge back. Items of this process, and items sent back unread, are
 * nobody's: they cost no credit.
 *
 * <p>Not thread-safe: the owner uses it under its object's lock. Credit is only queued on the sender's link, so
 * that is allowed there.
 */
public final class Inbox {
    /** The sender of items that no other process is waiting to be credited for. */
    private static final Sender NOBODY = new Sender(null, 0, (byte) 0, 4);

    private final ArrayDeque<byte[]> items = new ArrayDeque<>();
    /** The sender of each item, in the same order. */
    private final ArrayDeque<Sender> senders = new ArrayDeque<>();

    /**
     * One sender in another process, as its items' owner accounts for it: what it has been charged for items
     * taken here since the owner last gave credit back.
     */
    public static final class Sender {
        private final Caller link;
        private final long receiver;
        private final byte creditOp;
        private final long window;
        private long taken;

        /**
         * @param link     the sender's process
         * @param receiver the id the sender's process gave the sender ({@link Node#addReceiver}), which a credit
         *                 frame is addressed to
         * @param creditOp the op of a credit frame of the object's kind: x = receiver, y = bytes given back
         * @param window   the sender's window, as it stated when it attached
         */
        private Sender(Caller link, long receiver, byte creditOp, long window) {
            this.link = link;
            this.receiver = receiver;
            this.creditOp = creditOp;
            this.window = window;
        }

        private void took(byte[] item) {
            taken += SendWindow.cost(item.length, window);
            if (taken >= window / 4) {
                link.send(Wire.frame(creditOp, receiver, taken, 0));
                taken = 0;
            }
        }
    }

    /**
     * The account of a sender that attached with {@code attachFrame}, whose payload states its window (a long,
     * {@link #windowPayload}).
     *
     * @return the account; null for a sender that stated no window, which is charged nothing and credited nothing
     */
    public static Sender sender(Caller link, long receiver, byte creditOp, ByteBuffer attachFrame) {
        if (attachFrame.remaining() - Wire.HEADER != Long.BYTES) {
            return null;
        }
        long window = attachFrame.getLong(attachFrame.position() + Wire.HEADER);
        return window >= 4 ? new Sender(link, receiver, creditOp, window) : null;
    }

    /** @return the payload of an attach frame that states a sender's window, for {@link #sender} */
    public static byte[] windowPayload(long window) {
        return ByteBuffer.allocate(Long.BYTES).putLong(window).array();
    }

    /** Adds an item of this process's own. */
    public void addLast(byte[] item) {
        items.addLast(item);
        senders.addLast(NOBODY);
    }

    /**
     * Adds an item another process sent, which gives its sender credit back when it is taken.
     *
     * @param from the sender's account; null for one that is credited nothing
     */
    public void addLast(byte[] item, Sender from) {
        items.addLast(item);
        senders.addLast(from == null ? NOBODY : from);
    }

    /** Puts an item back in front, unread: it was credited when it was taken. */
    public void addFirst(byte[] item) {
        items.addFirst(item);
        senders.addFirst(NOBODY);
    }

    /** @return the next item, or null */
    public byte[] peekFirst() {
        return items.peekFirst();
    }

    /** Takes the next item, giving its sender's charge back; null if there is none. */
    public byte[] pollFirst() {
        byte[] item = items.pollFirst();
        if (item != null) {
            Sender from = senders.pollFirst();
            if (from != NOBODY) {
                from.took(item);
            }
        }
        return item;
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** Drops every item without giving credit: nobody can take them any more. */
    public void clear() {
        items.clear();
        senders.clear();
    }
}
