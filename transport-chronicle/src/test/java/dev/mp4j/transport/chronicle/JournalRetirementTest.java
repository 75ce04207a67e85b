package dev.mp4j.transport.chronicle;

import dev.mp4j.shm.MappedSegment;
import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import dev.mp4j.spi.FrameServer;
import dev.mp4j.spi.NativeQueue;
import dev.mp4j.spi.Transport;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The soak's finding: a queue's journal kept every item that went through it until the queue was freed (12 GiB of
 * {@code /dev/shm} in ten minutes), and a link's kept every frame. A journal now rolls every second, and what every
 * reader has passed goes. The journals follow a clock the test moves, a second per item.
 */
class JournalRetirementTest {
    private static final int SECONDS = 10;
    /** The wall clock the journals see, in milliseconds; it goes back too, as a wall clock can. */
    private final AtomicLong wall = new AtomicLong(System.currentTimeMillis());

    @BeforeEach
    void setClock() {
        Chronicle.quiet(); // before the clock, a Chronicle class, loads Chronicle
        Chronicle.clock = wall::get;
    }

    @AfterEach
    void wallClock() {
        Chronicle.clock = null;
    }

    @Test
    void aQueuesJournalKeepsOnlyTheSecondsWhoseItemsAreNotAllTaken() throws Exception {
        NativeQueue q = new ChronicleQueues().createQueue(0, false);
        try {
            Path journal = MappedSegment.folder().resolve(MappedSegment.partName(q.name(), StoreLayout.FOLDER))
                    .resolve("0");
            for (int i = 0; i < SECONDS; i++) {
                assertTrue(q.offer(bytes("item " + i), 0));
                advance(1000);
            }
            assertEquals(SECONDS, journalFiles(journal), "a file a second");
            assertEquals(SECONDS, documentsIn(journal));
            for (int i = 0; i < SECONDS / 2; i++) {
                assertArrayEquals(bytes("item " + i), q.poll(0));
            }
            assertEquals(SECONDS / 2 + 2, journalFiles(journal), "the seconds before the one before the last item"
                    + " taken are gone; that one (for a taker that read the head before), the item's and later stay");
            for (int i = SECONDS / 2; i < SECONDS; i++) {
                assertArrayEquals(bytes("item " + i), q.poll(0));
            }
            assertEquals(2, journalFiles(journal), "all taken: the newest second stays, and the one before");
            assertEquals(2, documentsIn(journal), "the journal still holds items taken seconds ago");
            assertTrue(q.offer(bytes("after"), 0));
            assertArrayEquals(bytes("after"), q.poll(0), "the queue goes on in the second it is in");
        } finally {
            q.close();
        }
    }

    @Test
    void anItemPutAfterTheWallClockWentBackIsStillTaken() throws Exception {
        NativeQueue q = new ChronicleQueues().createQueue(0, false);
        try {
            for (int i = 0; i < SECONDS; i++) {
                assertTrue(q.offer(bytes("item " + i), 0));
                assertArrayEquals(bytes("item " + i), q.poll(0));
                advance(1000); // the seconds taken go as the head moves on
            }
            advance(-SECONDS / 2 * 1000L); // stepped back, into seconds whose files are gone
            assertTrue(q.offer(bytes("late"), 0));
            assertArrayEquals(bytes("late"), q.poll(0), "an item put by a clock stepped back was lost: it went into"
                    + " a second the readers had passed");
        } finally {
            q.close();
        }
    }

    @Test
    void aLinksJournalsKeepOnlyTheSecondsItsReaderHasNotPassed() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        FrameHandler recorder = new FrameHandler() {
            @Override
            public void onFrame(FrameLink link, ByteBuffer frame) {
                received.add(StandardCharsets.UTF_8.decode(frame).toString());
            }

            @Override
            public void onClose(FrameLink link, Throwable cause) {
            }
        };
        try (Transport transport = new ChronicleTransportProvider().open()) {
            FrameServer server = transport.listen(link -> {
                link.authenticated();
                return recorder;
            });
            Path serverFolder = MappedSegment.folder().resolve(MappedSegment.partName(
                    server.address().substring(ChronicleServer.ADDRESS_PREFIX.length()), ServerLayout.FOLDER));
            FrameLink client = transport.connect(server.address(), recorder);
            client.authenticated();
            for (int i = 0; i < SECONDS; i++) {
                assertTrue(client.send(ByteBuffer.wrap(bytes("frame " + i))));
                assertEquals("frame " + i, received.poll(30, TimeUnit.SECONDS));
                advance(1000);
            }
            Path toServer;
            try (Stream<Path> dirs = Files.walk(serverFolder)) {
                toServer = dirs.filter(d -> d.getFileName().toString().equals(LinkLayout.CLIENT_TO_SERVER))
                        .findFirst().orElseThrow();
            }
            long held = documentsIn(toServer);
            assertTrue(held <= 1, "the journal of a link that carried a frame a second for " + SECONDS
                    + " s still holds " + held + " of them: the seconds its reader passed were kept");
            long files = journalFiles(serverFolder);
            // the client's journal to the server: the newest second; the accept queue's: one; the other way: none
            assertTrue(files <= 3, files + " journal files in the link's server folder");
            assertTrue(client.send(ByteBuffer.wrap(bytes("after"))));
            assertNotNull(received.poll(30, TimeUnit.SECONDS), "the link goes on");
            client.close();
        }
    }

    private void advance(long millis) {
        wall.addAndGet(millis);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the documents a journal still holds, read from its start by a queue object of this test's own */
    private static long documentsIn(Path journal) {
        try (SingleChronicleQueue q = Chronicle.open(journal); ExcerptTailer t = q.createTailer()) {
            long n = 0;
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return n;
                    }
                    n++;
                }
            }
        }
    }

    private static long journalFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
