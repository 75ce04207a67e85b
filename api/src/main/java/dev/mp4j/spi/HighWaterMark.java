package dev.mp4j.spi;

/**
 * How many bytes of unread messages a pipe end, or an unbounded queue, may hold before a sender waits: the bound
 * that keeps memory finite whatever the difference in speed between a sender and its reader. Every transport and
 * the runtime read it here, from the system property {@value #PROPERTY} (children inherit it, as every
 * {@code mp4j.*} property), with a default of {@value #DEFAULT_BYTES} bytes.
 *
 * <p>What it bounds, for a transport with the native-queue capability ({@link NativeQueues}): the unread bytes
 * of each ring or journal, whoever sent them. {@link NativeQueue#offer} into an unbounded queue waits (within its
 * timeout) while the queue holds that much; {@link NativePipe#awaitWritable} waits while the other end holds that
 * much. On the others the runtime bounds each sending process instead, with credit: a queue's or a pipe's owner
 * keeps at most this many unread bytes from each sending handle or pipe end of another process (each
 * {@code Queue} or {@code Connection} object a process holds has a window of its own). An item or
 * message larger than the mark still goes when nothing (in shared storage), or at most half the mark (over links),
 * is unread: the mark bounds the backlog, not the size of one item (the frame limit does that).
 *
 * <p>Bounded queues are bounded by their capacity in items, and are not subject to the mark.
 */
public final class HighWaterMark {
    /** The system property that sets the mark, in bytes. */
    public static final String PROPERTY = "mp4j.highWaterBytes";
    /** The mark when the property is not set: 64 MiB. */
    public static final long DEFAULT_BYTES = 64L << 20;
    /** The smallest mark the property may set: 64 KiB, an OS pipe's buffer. */
    public static final long MIN_BYTES = 64L << 10;

    private HighWaterMark() {}

    /**
     * @return the mark in bytes, as the property says now
     * @throws IllegalArgumentException if the property is set to something other than a whole number of bytes of at
     *                                  least {@value #MIN_BYTES}
     */
    public static long bytes() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_BYTES;
        }
        long bytes;
        try {
            bytes = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(value);
        }
        if (bytes < MIN_BYTES) {
            throw invalid(value);
        }
        return bytes;
    }

    private static IllegalArgumentException invalid(String value) {
        return new IllegalArgumentException("-D" + PROPERTY + "=" + value + " is not a number of bytes of at least "
                + MIN_BYTES + ": set it to the unread bytes a pipe end or an unbounded queue may hold before a "
                + "sender waits (the default is " + DEFAULT_BYTES + ")");
    }
}
