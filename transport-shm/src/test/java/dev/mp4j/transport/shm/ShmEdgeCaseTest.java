package dev.mp4j.transport.shm;

import dev.mp4j.shm.MappedSegment;
import dev.mp4j.shm.ProcessLiveness;
import dev.mp4j.spi.FrameHandler;
import dev.mp4j.spi.FrameLink;
import dev.mp4j.spi.FrameServer;
import dev.mp4j.spi.NativeQueue;
import dev.mp4j.spi.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edge cases a review of the shm transport found, within one JVM: a link closed from its own handler while the
 * peer is slow, an acceptor that throws, names another local user could take first, and a close racing an offer.
 */
@Timeout(60)
class ShmEdgeCaseTest {
    private static FrameHandler handler(CountDownLatch closed, Consumer<FrameLink> onFrame) {
        return new FrameHandler() {
            @Override
            public void onFrame(FrameLink l, ByteBuffer f) {
                onFrame.accept(l);
            }

            @Override
            public void onClose(FrameLink l, Throwable c) {
                closed.countDown();
            }
        };
    }

    @Test
    void aLinkClosedFromItsHandlerEndsWithinTheCloseBoundWhenThePeerNeverAnswers() throws Exception {
        Transport server = new ShmTransportProvider().open();
        Transport client = new ShmTransportProvider().open();
        CountDownLatch release = new CountDownLatch(1);
        FrameServer fs = server.listen(link -> {
            link.send(ByteBuffer.wrap(new byte[] {1}));
            await(release); // a peer too slow to answer the goodbye
            return handler(new CountDownLatch(1), l -> { });
        });
        CountDownLatch closed = new CountDownLatch(1);
        client.connect(fs.address(), handler(closed, FrameLink::close));
        Thread.sleep(300);
        long start = System.nanoTime();
        client.close();
        assertTrue(closed.await(15, TimeUnit.SECONDS), "onClose never came after Transport.close()");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(12), "the close took longer than its bound");
        release.countDown();
        server.close();
    }

    @Test
    void anAcceptorThatThrowsAnErrorDoesNotStopTheServer() throws Exception {
        Transport server = new ShmTransportProvider().open();
        Transport client = new ShmTransportProvider().open();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch second = new CountDownLatch(1);
        CountDownLatch firstClosed = new CountDownLatch(1);
        FrameServer fs = server.listen(link -> {
            if (calls.getAndIncrement() == 0) {
                throw new AssertionError("a bug in one acceptor call");
            }
            second.countDown();
            return handler(new CountDownLatch(1), l -> { });
        });
        client.connect(fs.address(), handler(firstClosed, l -> { }));
        assertTrue(firstClosed.await(10, TimeUnit.SECONDS), "the refused link did not end on the client");
        client.connect(fs.address(), handler(new CountDownLatch(1), l -> { }));
        assertTrue(second.await(10, TimeUnit.SECONDS), "the second link was never accepted");
        client.close();
        server.close();
    }

    @Test
    void namesOnceUsedForPartsCannotBlockARingOrABigItem() throws Exception {
        NativeQueue q = new ShmQueues().createQueue(0, false);
        // what another local user who lists the folder might squat: the names an earlier mp4j made in sequence
        List<Path> squatters = List.of(MappedSegment.folder().resolve(q.name() + "~d0-1"),
                MappedSegment.folder().resolve(q.name() + "~x" + ProcessLiveness.currentPid() + "-1"));
        for (Path p : squatters) {
            Files.createDirectories(p.resolve("x")); // a directory with an entry: as undeletable as another's file
        }
        try {
            byte[] big = new byte[100_000];
            big[99_999] = 7;
            for (int i = 0; i < 10; i++) {
                assertTrue(q.offer(new byte[30_000], 0), "the ring did not grow");
            }
            assertTrue(q.offer(big, 0), "a big item was refused");
            for (int i = 0; i < 10; i++) {
                assertEquals(30_000, q.poll(0).length);
            }
            assertArrayEquals(big, q.poll(0));
        } finally {
            for (Path p : squatters) {
                Files.delete(p.resolve("x"));
                Files.delete(p);
            }
            q.close();
        }
    }

    @Test
    void anOfferRacingTheLastCloseLeavesNoFile() throws Exception {
        NativeQueue q = new ShmQueues().createQueue(0, false);
        assertTrue(q.offer(new byte[8], 0));
        q.close(); // the last holder lets go while another thread of this process still offers
        assertThrows(IllegalStateException.class, () -> q.offer(new byte[40_000], 0));
        assertEquals(List.of(), filesOf(q.name()), "files were left behind");
    }

    private static List<String> filesOf(String channel) throws Exception {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(MappedSegment.folder(), channel + "*")) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
        return names;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
