package dev.mp4j.shm;

import dev.mp4j.SharedMemory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SharedMemoryTest {
    private final List<String> toUnlink = new ArrayList<>();

    private String newName() {
        String n = "test-mp4j-" + UUID.randomUUID();
        toUnlink.add(n);
        return n;
    }

    @AfterEach
    void unlinkLeftovers() throws Exception {
        for (String n : toUnlink) {
            Files.deleteIfExists(ShmDirectory.pathOf(n));
        }
    }

    @Test
    void generatedNamesAreUniqueAndAttachable() {
        SharedMemory a = SharedObjects.sharedMemory(16);
        SharedMemory b = SharedObjects.sharedMemory(16);
        try {
            assertNotEquals(a.name(), b.name());
            assertEquals(16, a.size());
            assertTrue(Files.exists(ShmDirectory.pathOf(a.name())));
            SharedMemory a2 = SharedObjects.attachSharedMemory(a.name());
            assertEquals(16, a2.size());
        } finally {
            a.unlink();
            b.unlink();
        }
        assertFalse(Files.exists(ShmDirectory.pathOf(a.name())));
    }

    @Test
    void badSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.sharedMemory(0));
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.sharedMemory(-1));
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.sharedMemory(Integer.MAX_VALUE + 1L));
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.sharedMemory(Long.MIN_VALUE));
        String n = newName();
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.sharedMemory(n, 0));
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.sharedMemory(n, -1));
        assertThrows(IllegalArgumentException.class, () -> SharedObjects.sharedMemory(n, Integer.MAX_VALUE + 1L));
        assertFalse(Files.exists(ShmDirectory.pathOf(n)), "a refused size must create nothing");
    }

    @Test
    void badNamesAreRefused() {
        for (String bad : new String[] {"a/b", "/abs", "a\\b", "nul\0byte", "", ".", "..", "x".repeat(201)}) {
            assertThrows(IllegalArgumentException.class, () -> SharedObjects.sharedMemory(bad, 8),
                    "create \"" + bad + "\"");
            assertThrows(IllegalArgumentException.class, () -> SharedObjects.attachSharedMemory(bad),
                    "attach \"" + bad + "\"");
        }
        assertThrows(NullPointerException.class, () -> SharedObjects.sharedMemory(null, 8));
    }

    /** Security review finding 4: a user's name cannot be, or collide with, one of mp4j's own files. */
    @Test
    void mp4jsPrefixIsRefusedForNewBlocksAndItsOwnFilesCannotBeAttached() throws Exception {
        String reserved = "mp4j-tree-" + UUID.randomUUID();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SharedObjects.sharedMemory(reserved, 8));
        assertTrue(e.getMessage().contains("keeps for its own files"), e.getMessage());
        assertFalse(Files.exists(ShmDirectory.pathOf(reserved)), "a refused name must create nothing");
        SharedMemory own = SharedObjects.sharedMemory(8);
        try {
            Path bell = Files.createFile(ShmDirectory.pathOf("mp4j-bell-" + UUID.randomUUID()));
            try {
                assertThrows(IllegalArgumentException.class,
                        () -> SharedObjects.attachSharedMemory(bell.getFileName().toString()));
            } finally {
                Files.delete(bell);
            }
            SharedMemory again = SharedObjects.attachSharedMemory(own.name());
            assertEquals(8, again.size(), "a name mp4j made for a block attaches");
            again.close();
        } finally {
            own.unlink();
            own.close();
        }
    }

    @Test
    void creatingAnExistingNameFailsNamingIt() {
        String n = newName();
        SharedMemory m = SharedObjects.sharedMemory(n, 8);
        try {
            m.buffer().put(0, (byte) 5);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedObjects.sharedMemory(n, 8));
            assertTrue(e.getMessage().contains(n), e.getMessage());
            assertEquals(5, m.buffer().get(0), "the existing block is untouched");
            assertTrue(Files.exists(ShmDirectory.pathOf(n)));
        } finally {
            m.unlink();
        }
    }

    @Test
    void attachingAMissingNameThrowsNoSuchElement() {
        String n = newName();
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> SharedObjects.attachSharedMemory(n));
        assertTrue(e.getMessage().contains(n), e.getMessage());
    }

    @Test
    void writesAreSeenThroughAnAttachedCopy() {
        String n = newName();
        SharedMemory m = SharedObjects.sharedMemory(n, 4096);
        try {
            assertEquals(n, m.name());
            assertEquals(4096, m.size());
            ByteBuffer b = m.buffer();
            assertEquals(0, b.position());
            assertEquals(4096, b.limit());
            assertEquals(4096, b.capacity());
            assertEquals(ByteOrder.BIG_ENDIAN, b.order());
            assertTrue(b.isDirect());
            for (int i = 0; i < 4096; i++) {
                assertEquals(0, b.get(i), "a new block is zeroed");
            }
            b.putInt(100, 0xCAFEBABE);
            b.position(10); // each call returns a new buffer
            assertEquals(0, m.buffer().position());

            SharedMemory other = SharedObjects.attachSharedMemory(n);
            assertEquals(4096, other.size());
            assertEquals(0xCAFEBABE, other.buffer().getInt(100));
            other.buffer().put(4095, (byte) 7);
            assertEquals(7, m.buffer().get(4095));
            other.close();
            assertEquals(7, m.buffer().get(4095), "closing one view leaves the other");
        } finally {
            m.unlink();
        }
    }

    @Test
    void closeThenBufferThrows() {
        String n = newName();
        SharedMemory m = SharedObjects.sharedMemory(n, 8);
        try {
            ByteBuffer before = m.buffer();
            m.close();
            assertThrows(IllegalStateException.class, m::buffer);
            m.close(); // idempotent
            assertThrows(IllegalStateException.class, m::buffer);
            assertEquals(n, m.name(), "name works after close");
            assertEquals(8, m.size(), "size works after close");
            before.put(0, (byte) 1); // buffers already handed out stay mapped
            assertTrue(Files.exists(ShmDirectory.pathOf(n)), "close does not unlink");
            assertEquals(1, SharedObjects.attachSharedMemory(n).buffer().get(0));
        } finally {
            m.unlink(); // unlink works after close
        }
        assertFalse(Files.exists(ShmDirectory.pathOf(n)));
    }

    @Test
    void unlinkRemovesTheNameButKeepsMappings() {
        String n = newName();
        SharedMemory m = SharedObjects.sharedMemory(n, 8);
        SharedMemory attached = SharedObjects.attachSharedMemory(n);
        m.unlink();
        assertFalse(Files.exists(ShmDirectory.pathOf(n)));
        assertThrows(NoSuchElementException.class, () -> SharedObjects.attachSharedMemory(n));
        IllegalStateException e = assertThrows(IllegalStateException.class, m::unlink);
        assertTrue(e.getMessage().contains(n), e.getMessage());
        assertThrows(IllegalStateException.class, attached::unlink, "unlinked by another view already");

        // processes already attached keep their mapping
        m.buffer().put(3, (byte) 9);
        assertEquals(9, attached.buffer().get(3));

        // the name may be used again, for a new, zeroed block
        SharedMemory again = SharedObjects.sharedMemory(n, 8);
        try {
            assertEquals(0, again.buffer().get(3));
        } finally {
            again.unlink();
        }
    }

    @Test
    void anAttachedViewMayUnlink() {
        String n = newName();
        SharedMemory m = SharedObjects.sharedMemory(n, 8);
        SharedObjects.attachSharedMemory(n).unlink();
        assertFalse(Files.exists(ShmDirectory.pathOf(n)));
        assertThrows(IllegalStateException.class, m::unlink);
    }

    @Test
    void aRawBlockOrABlockOfAnotherKindIsNotAttachedAsAStructure() {
        String n = newName();
        SharedMemory m = SharedObjects.sharedMemory(n, 256);
        try {
            assertThrows(IllegalStateException.class, () -> MappedSegment.attach(n, Kind.LOCK), "no mp4j header");
            String lockName = ((BaseLock) SharedObjects.lock()).core.seg.name();
            assertThrows(IllegalStateException.class, () -> MappedSegment.attach(lockName, Kind.EVENT), "wrong kind");
            assertEquals(lockName, MappedSegment.attach(lockName, Kind.LOCK).name());
        } finally {
            m.unlink();
        }
    }
}
