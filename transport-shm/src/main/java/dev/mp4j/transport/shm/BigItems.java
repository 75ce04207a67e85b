package dev.mp4j.transport.shm;

import dev.mp4j.shm.MappedSegment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Items larger than {@value ChannelLayout#INLINE_MAX} bytes, and items a ring has no room for: each travels in a
 * file of its own, a part of its channel ({@code <channel>~x<random>}, {@link MappedSegment#createPart}'s naming),
 * written before the record that names it is appended and removed by the process that reads it. So an item costs
 * two copies whatever its size, and a ring never holds more than a name for it. A file whose writer or reader died
 * half-way is removed with its channel ({@link Channel#unlinkAll}).
 *
 * <p>The file is written and read with {@link FileChannel} rather than mapped: a full shared-memory folder then
 * fails the write with an {@link IOException} instead of a fault in the middle of a copy, and the memory goes as
 * soon as the reader removes the file, not when a collector unmaps it. Its name is random, so another local user
 * who can list the folder cannot take it first.
 */
final class BigItems {
    private static final String PART = "x";

    private BigItems() {}

    /**
     * @return the record payload naming a new file that holds {@code item}
     * @throws IllegalStateException if the channel is gone (the last holder let go meanwhile)
     * @throws UncheckedIOException  if the file cannot be written (the shared-memory folder is full)
     */
    static byte[] write(Channel channel, byte[] item) {
        String name = MappedSegment.partName(channel.name,
                PART + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        Path path = MappedSegment.folder().resolve(name);
        boolean interrupted = Thread.interrupted(); // an interrupt would close the channel mid-write
        try (FileChannel file = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer b = ByteBuffer.wrap(item);
            while (b.hasRemaining()) {
                file.write(b);
            }
        } catch (IOException e) {
            Channel.unlinkQuietly(name);
            throw new UncheckedIOException("cannot write an item of " + item.length + " bytes to " + path + ": "
                    + e.getMessage() + " (is the shared-memory folder " + MappedSegment.folder() + " full?)", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (channel.isGone()) {
            // made after the last holder's sweep of the channel's parts, or not: either way, not left behind
            Channel.unlinkQuietly(name);
            throw new IllegalStateException("the shm queue or pipe " + channel.name + " is gone: it was closed");
        }
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES + n.length).order(ByteOrder.nativeOrder()).putInt(n.length).put(n)
                .array();
    }

    /** Removes the file a payload of {@link #write} names, when its record was never appended. */
    static void discard(byte[] payload) {
        Channel.unlinkQuietly(nameOf(payload));
    }

    /**
     * @return the item whose file {@code payload} names, {@code length} bytes; the file is removed
     * @throws IllegalStateException if the record does not name a big item of this channel
     */
    static byte[] read(String channelName, byte[] payload, int length) {
        String name = nameOf(payload);
        if (!name.startsWith(MappedSegment.partName(channelName, PART)) || name.indexOf('/') >= 0) {
            throw new IllegalStateException("a record of " + channelName + " names " + name
                    + ", which is not one of its items");
        }
        Path path = MappedSegment.folder().resolve(name);
        byte[] item = new byte[length];
        boolean interrupted = Thread.interrupted();
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.wrap(item);
            while (b.hasRemaining()) {
                if (file.read(b) < 0) {
                    throw new IOException("the file ends after " + b.position() + " of " + length + " bytes");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an item of " + channelName + " from " + path + ": "
                    + e.getMessage(), e);
        } finally {
            Channel.unlinkQuietly(name);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return item;
    }

    private static String nameOf(byte[] payload) {
        int n = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()).getInt();
        return new String(payload, Integer.BYTES, n, StandardCharsets.UTF_8);
    }
}
