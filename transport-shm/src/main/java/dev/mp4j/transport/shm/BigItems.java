package dev.mp4j.transport.shm;

import dev.mp4j.shm.MappedSegment;
import dev.mp4j.shm.ProcessLiveness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Items larger than {@value ChannelLayout#INLINE_MAX} bytes: each travels in a file of its own, a part of its
 * channel ({@code <channel>~x<pid>-<n>}, {@link MappedSegment#createPart}), written before the record that names it is appended and removed by the
 * process that reads it. So an item costs two copies whatever its size, and a ring never holds more than a name
 * for it. A file whose writer or reader died half-way is removed with its channel ({@link Channel#unlinkAll}).
 */
final class BigItems {
    private static final AtomicLong NAMES = new AtomicLong();

    private BigItems() {}

    /** @return the record payload naming a new file that holds {@code item} */
    static byte[] write(String channelName, byte[] item) {
        MappedSegment file = MappedSegment.createPart(channelName,
                "x" + ProcessLiveness.currentPid() + "-" + NAMES.incrementAndGet(), Math.max(1, item.length));
        String name = file.name();
        file.putBytes(0, item, 0, item.length);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES + n.length).order(java.nio.ByteOrder.nativeOrder())
                .putInt(n.length).put(n).array();
    }

    /** Removes the file a payload of {@link #write} names, when its record was never appended. */
    static void discard(byte[] payload) {
        Channel.unlinkQuietly(nameOf(payload));
    }

    /** @return the item whose file {@code payload} names; the file is removed */
    static byte[] read(byte[] payload, int length) {
        String name = nameOf(payload);
        MappedSegment file = MappedSegment.attach(name);
        byte[] item = new byte[length];
        file.getBytes(0, item, 0, length);
        Channel.unlinkQuietly(name);
        return item;
    }

    private static String nameOf(byte[] payload) {
        int n = ByteBuffer.wrap(payload).order(java.nio.ByteOrder.nativeOrder()).getInt();
        return new String(payload, Integer.BYTES, n, StandardCharsets.UTF_8);
    }
}
