package dev.mp4j.shm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The public accessors of {@link MappedSegment}, each seen through a second mapping of the same file. */
class MappedSegmentTest {
    private final List<String> names = new ArrayList<>();

    private MappedSegment create(int size) {
        String n = "mp4j-test-segment-" + UUID.randomUUID();
        names.add(n);
        return MappedSegment.create(n, size);
    }

    @AfterEach
    void removeLeftovers() throws IOException {
        for (String n : names) {
            Files.deleteIfExists(ShmDirectory.pathOf(n));
        }
    }

    @Test
    void intAccessorsActOnTheSharedFile() {
        MappedSegment a = create(64);
        MappedSegment b = MappedSegment.attach(a.name());
        assertEquals(64, b.capacity());
        assertEquals(0, b.getInt(0), "a new segment is zeroed");

        a.putInt(0, 1);
        assertEquals(1, b.getInt(0));
        a.putIntVolatile(4, 2);
        assertEquals(2, b.getIntVolatile(4));
        a.putIntRelease(8, 3);
        assertEquals(3, b.getIntAcquire(8));

        assertTrue(b.compareAndSetInt(12, 0, 10));
        assertFalse(b.compareAndSetInt(12, 0, 11), "the value is 10 now");
        assertEquals(10, a.getInt(12));
        assertEquals(10, a.getAndAddInt(12, 5));
        assertEquals(15, b.getAndSetInt(12, -1));
        assertEquals(-1, a.getIntVolatile(12));
        a.putInt(60, 7);
        assertEquals(7, b.getInt(60));
    }

    @Test
    void longAccessorsActOnTheSharedFile() {
        MappedSegment a = create(64);
        MappedSegment b = MappedSegment.attach(a.name());
        long big = 0x1122_3344_5566_7788L;

        a.putLong(0, big);
        assertEquals(big, b.getLong(0));
        a.putLongVolatile(8, -big);
        assertEquals(-big, b.getLongVolatile(8));
        a.putLongRelease(16, 3);
        assertEquals(3, b.getLongAcquire(16));

        assertTrue(b.compareAndSetLong(24, 0, big));
        assertFalse(b.compareAndSetLong(24, 0, 1));
        assertEquals(big, a.getAndAddLong(24, 1));
        assertEquals(big + 1, b.getAndSetLong(24, 5));
        assertEquals(5, a.getLongVolatile(24));
        a.putLong(56, 9);
        assertEquals(9, b.getLong(56));
    }

    @Test
    void aThreadWithItsInterruptStatusSetCreatesAndAttachesAndKeepsTheStatus() {
        Thread.currentThread().interrupt();
        try {
            MappedSegment a = create(64);
            MappedSegment b = MappedSegment.attach(a.name());
            a.putInt(0, 7);
            assertEquals(7, b.getInt(0));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status must survive");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void bulkBytesCopyInAndOut() {
        MappedSegment a = create(32);
        MappedSegment b = MappedSegment.attach(a.name());
        a.putBytes(3, new byte[] {9, 1, 2, 3, 9}, 1, 3);
        byte[] out = new byte[6];
        b.getBytes(2, out, 1, 5);
        assertArrayEquals(new byte[] {0, 0, 1, 2, 3, 0}, out);
        assertThrows(IndexOutOfBoundsException.class, () -> a.putBytes(30, new byte[4], 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> a.getBytes(0, new byte[4], 2, 4));
    }

    @Test
    void aMisalignedIndexIsRefusedAndNamed() {
        MappedSegment s = create(64);
        List<IntConsumer> intAccesses = List.of(s::getInt, i -> s.putInt(i, 1), s::getIntVolatile,
                i -> s.putIntVolatile(i, 1), s::getIntAcquire, i -> s.putIntRelease(i, 1),
                i -> s.compareAndSetInt(i, 0, 1), i -> s.getAndAddInt(i, 1), i -> s.getAndSetInt(i, 1));
        for (IntConsumer access : intAccesses) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> access.accept(6));
            assertTrue(e.getMessage().contains("index 6"), e.getMessage());
        }
        List<IntConsumer> longAccesses = List.of(s::getLong, i -> s.putLong(i, 1), s::getLongVolatile,
                i -> s.putLongVolatile(i, 1), s::getLongAcquire, i -> s.putLongRelease(i, 1),
                i -> s.compareAndSetLong(i, 0, 1), i -> s.getAndAddLong(i, 1), i -> s.getAndSetLong(i, 1));
        for (IntConsumer access : longAccesses) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> access.accept(12));
            assertTrue(e.getMessage().contains("index 12"), e.getMessage());
        }
        assertEquals(0, s.getInt(60), "aligned is fine");
        assertThrows(IndexOutOfBoundsException.class, () -> s.getInt(64));
        assertThrows(IndexOutOfBoundsException.class, () -> s.getLong(-8));
        assertEquals(0, s.getInt(0), "nothing was written by a refused access");
    }

    @Test
    void theFileAndTheTreeRegistryAreOwnerOnly() throws IOException {
        MappedSegment s = create(16);
        Path file = MappedSegment.folder().resolve(s.name());
        assertTrue(Files.exists(file), file + " is where the segment lives");
        assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Path registry = ShmDirectory.dir().resolve("mp4j-tree-" + SharedObjects.joinTree() + ".names");
        assertTrue(Files.exists(registry), "a create is registered with the tree: " + registry);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(registry)));
    }

    @Test
    void createIsExclusiveAndAttachNeedsAFile() {
        MappedSegment s = create(8);
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> MappedSegment.create(s.name(), 8));
        assertTrue(twice.getMessage().contains("already exists"), twice.getMessage());
        s.unlink();
        NoSuchElementException gone = assertThrows(NoSuchElementException.class, () -> MappedSegment.attach(s.name()));
        assertTrue(gone.getMessage().contains(s.name()), gone.getMessage());
        assertThrows(IllegalStateException.class, s::unlink, "unlinked already");
        s.putInt(0, 5);
        assertEquals(5, s.getInt(0), "the mapping outlives the file");
    }

    @Test
    void badNamesAndSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MappedSegment.create("a/b", 8));
        assertThrows(IllegalArgumentException.class, () -> MappedSegment.create("..", 8));
        assertThrows(IllegalArgumentException.class, () -> MappedSegment.create("mp4j-test-zero", 0));
        assertThrows(IllegalArgumentException.class, () -> MappedSegment.create("mp4j-test-huge", 1L << 31));
        assertThrows(NullPointerException.class, () -> MappedSegment.attach(null));
    }
}
