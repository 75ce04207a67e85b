package dev.mp4j.tck;

import dev.mp4j.Connection;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.Connections;
import dev.mp4j.MessageTooLongException;
import dev.mp4j.Pipe;
import dev.mp4j.Process;
import dev.mp4j.Queue;

import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pipes: messages, bytes, end of stream, copies and direction, within a process and across processes; a pipe holds
 * any number of unread messages, and send never waits for a reader.
 */
public abstract class PipeContract extends TransportContract {

    /** A user type that goes through Java serialization. */
    public record Point(int x, String label) implements Serializable {}

    private static void echoUntilClosed(Connection c) throws InterruptedException {
        try {
            while (true) {
                c.sendBytes(c.recvBytes());
            }
        } catch (ConnectionClosedException endOfStream) {
            c.close();
        }
    }

    @Test
    void objectsMakeTheRoundTripThroughAChild() throws Exception {
        Pipe pipe = mp().pipe();
        Connection mine = pipe.left();
        Connection theirs = pipe.right();
        Process p = mp().process(() -> echoUntilClosed(theirs)).start();
        theirs.close();
        List<Object> values = Arrays.asList("héllo 🌍", 42, 7L, 2.5, 'c', true, (short) 3, (byte) 9, 1.5f,
                new int[] {1, 2}, new long[] {3}, new double[] {4.5}, new byte[] {1, 2, 3}, new Point(1, "p"),
                List.of("a", "b"), null, "");
        for (Object v : values) {
            mine.send(v);
            Object back = mine.recv();
            if (v instanceof int[] a) {
                assertArrayEquals(a, (int[]) back);
            } else if (v instanceof long[] a) {
                assertArrayEquals(a, (long[]) back);
            } else if (v instanceof double[] a) {
                assertArrayEquals(a, (double[]) back);
            } else if (v instanceof byte[] a) {
                assertArrayEquals(a, (byte[]) back);
            } else {
                assertEquals(v, back);
            }
        }
        mine.close();
        p.join();
        assertEquals(OptionalInt.of(0), p.exitCode());
    }

    @Test
    void messagesKeepTheirBoundariesAndOrder() throws Exception {
        Pipe pipe = mp().pipe();
        Connection theirs = pipe.right();
        Process p = mp().process(() -> echoUntilClosed(theirs)).start();
        theirs.close();
        Connection mine = pipe.left();
        int n = 300;
        for (int i = 0; i < n; i++) {
            byte[] m = new byte[(i * 37) % 1500];
            Arrays.fill(m, (byte) i);
            mine.sendBytes(m);
        }
        mine.sendBytes(new byte[0]);
        for (int i = 0; i < n; i++) {
            byte[] m = mine.recvBytes();
            assertEquals((i * 37) % 1500, m.length, "message " + i);
            for (byte b : m) {
                assertEquals((byte) i, b);
            }
        }
        assertEquals(0, mine.recvBytes().length, "an empty message is a message");
        mine.close();
        p.join();
    }

    /** Small message {@code i} of {@link #aPipeHoldsManyUnreadMessagesAndSendNeverWaitsForAReader}: 0 to 63 bytes. */
    private static byte[] smallMessage(int i) {
        byte[] m = new byte[i % 64];
        for (int k = 0; k < m.length; k++) {
            m[k] = (byte) (i * 31 + k * 7 + (i >>> 8));
        }
        return m;
    }

    /** Large message {@code j} of {@link #aPipeHoldsManyUnreadMessagesAndSendNeverWaitsForAReader}: 64 KiB. */
    private static byte[] largeMessage(int j) {
        byte[] m = new byte[64 << 10];
        for (int k = 0; k < m.length; k++) {
            m[k] = (byte) (j * 101 + k * 13 + (k >>> 8));
        }
        return m;
    }

    @Test
    void aPipeHoldsManyUnreadMessagesAndSendNeverWaitsForAReader() throws Exception {
        final int small = 10_000;
        final int large = 20;
        Pipe pipe = mp().pipe();
        Connection theirs = pipe.right();
        Process p = mp().process(() -> {
            for (int i = 0; i < small; i++) {
                theirs.sendBytes(smallMessage(i));
            }
            for (int j = 0; j < large; j++) {
                theirs.sendBytes(largeMessage(j));
            }
        }).start();
        theirs.close();
        // Nobody reads until the child has ended: its sends must not have waited for a reader.
        boolean ended = p.join(Duration.ofSeconds(90));
        if (!ended) {
            p.kill();
            p.join(Duration.ofSeconds(30));
        }
        assertTrue(ended, "a child that sent " + small + " small and " + large + " messages of 64 KiB, with nobody "
                + "reading, had not ended after 90 s: its sends waited for a reader");
        assertEquals(OptionalInt.of(0), p.exitCode(), "the sending child failed (see its stderr)");
        Connection mine = pipe.left();
        for (int i = 0; i < small; i++) {
            byte[] got = mine.recvBytes();
            if (!Arrays.equals(smallMessage(i), got)) {
                assertArrayEquals(smallMessage(i), got, "small message " + i + " of " + small);
            }
        }
        for (int j = 0; j < large; j++) {
            assertArrayEquals(largeMessage(j), mine.recvBytes(), "message " + j + " of 64 KiB, after the small ones");
        }
        assertThrows(ConnectionClosedException.class, mine::recvBytes, "more arrived than the child sent");
    }

    @Test
    void sixteenMebibyteMessagesCrossProcesses() throws Exception {
        Pipe pipe = mp().pipe();
        Connection theirs = pipe.right();
        Process p = mp().process(() -> echoUntilClosed(theirs)).start();
        theirs.close();
        byte[] big = new byte[16 << 20];
        for (int i = 0; i < big.length; i += 4093) {
            big[i] = (byte) (i * 31);
        }
        pipe.left().sendBytes(big);
        assertArrayEquals(big, pipe.left().recvBytes());
        pipe.left().close();
        p.join();
    }

    @Test
    void sendBytesWithOffsetsSendsExactlyThatSlice() throws Exception {
        Pipe pipe = mp().pipe();
        byte[] buf = {0, 1, 2, 3, 4, 5, 6, 7};
        pipe.left().sendBytes(buf, 2, 3);
        assertArrayEquals(new byte[] {2, 3, 4}, pipe.right().recvBytes());
        assertThrows(IndexOutOfBoundsException.class, () -> pipe.left().sendBytes(buf, -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> pipe.left().sendBytes(buf, 7, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> pipe.left().sendBytes(buf, 2, -1));
        assertFalse(pipe.right().poll(), "a refused send sends nothing");
        pipe.left().sendBytes(buf, 8, 0);
        assertEquals(0, pipe.right().recvBytes().length);
    }

    @Test
    void tooLongMessagesStayUnreadLocallyAndRemotely() throws Exception {
        Pipe pipe = mp().pipe();
        checkTooLong(pipe.left(), pipe.right());

        Pipe remote = mp().pipe();
        Connection theirs = remote.right();
        Queue<String> result = mp().queue();
        Process p = mp().process(() -> {
            try {
                checkTooLong(null, theirs);
                result.put("ok");
            } catch (Throwable t) {
                result.put(t.toString());
            }
        }).start();
        for (int i = 0; i < 3; i++) {
            remote.left().sendBytes(new byte[] {1, 2, 3, 4, 5});
        }
        assertEquals("ok", result.take());
        p.join();
    }

    private static void checkTooLong(Connection sender, Connection receiver) throws InterruptedException {
        if (sender != null) {
            for (int i = 0; i < 3; i++) {
                sender.sendBytes(new byte[] {1, 2, 3, 4, 5});
            }
        }
        MessageTooLongException e = assertThrows(MessageTooLongException.class, () -> receiver.recvBytes(4));
        assertEquals(5, e.length());
        assertTrue(receiver.poll(), "the message is still there");
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, receiver.recvBytes(5));
        byte[] into = new byte[6];
        assertThrows(MessageTooLongException.class, () -> receiver.recvBytesInto(into, 2));
        assertEquals(5, receiver.recvBytesInto(into, 1));
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5}, into);
        assertThrows(IndexOutOfBoundsException.class, () -> receiver.recvBytesInto(into, 7));
        assertThrows(IllegalArgumentException.class, () -> receiver.recvBytes(-1));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, receiver.recvBytes());
    }

    @Test
    void pollNeverConsumes() throws Exception {
        Pipe pipe = mp().pipe();
        assertFalse(pipe.right().poll());
        assertFalse(pipe.right().poll(Duration.ofMillis(50)));
        pipe.left().send("x");
        assertTrue(pipe.right().poll());
        assertTrue(pipe.right().poll(Duration.ofMillis(50)));
        assertEquals("x", pipe.right().recv());
        assertFalse(pipe.right().poll());
    }

    @Test
    void endOfStreamComesOnceEveryCopyOfTheOtherEndIsClosed() throws Exception {
        Pipe pipe = mp().pipe();
        Connection theirs = pipe.right();
        Process p = mp().process(() -> {
            for (int i = 0; i < 3; i++) {
                theirs.send(i);
            }
        }).start();
        // Python's idiom: close our copy of the child's end right after start; the copy in flight still counts
        theirs.close();
        for (int i = 0; i < 3; i++) {
            assertEquals(i, (int) pipe.left().recv());
        }
        assertThrows(ConnectionClosedException.class, () -> pipe.left().recv());
        assertTrue(pipe.left().poll(), "end of stream is ready");
        assertThrows(ConnectionClosedException.class, () -> pipe.left().send("too late"));
        p.join();
    }

    @Test
    void aKilledProcessHoldingTheOnlyCopyMeansEndOfStream() throws Exception {
        Pipe pipe = mp().pipe();
        Connection theirs = pipe.right();
        Process p = mp().process(() -> {
            theirs.send("ready");
            Thread.sleep(60_000);
        }).start();
        theirs.close();
        assertEquals("ready", pipe.left().recv());
        p.kill();
        assertThrows(ConnectionClosedException.class, () -> pipe.left().recv());
        p.join();
    }

    @Test
    void aChildThatNeverStartsReleasesItsCopy() throws Exception {
        assumeChildJvms("a JVM flag that stops the child's JVM from starting");
        Pipe pipe = mp().pipe();
        Connection theirs = pipe.right();
        Process p = mp().process(() -> theirs.send("unreachable")).jvmArgs("-XX:+ThisFlagDoesNotExist").start();
        theirs.close();
        assertThrows(ConnectionClosedException.class, () -> pipe.left().recv());
        p.join();
        assertEquals(1, p.exitCode().getAsInt());
    }

    @Test
    void aOneWayPipeRefusesTheWrongDirection() throws Exception {
        Pipe pipe = mp().pipe(false);
        Connection receiver = pipe.left();
        Connection sender = pipe.right();
        assertTrue(receiver.isReadable());
        assertFalse(receiver.isWritable());
        assertTrue(sender.isWritable());
        assertFalse(sender.isReadable());
        assertThrows(IllegalStateException.class, () -> receiver.send("x"));
        assertThrows(IllegalStateException.class, () -> receiver.sendBytes(new byte[1]));
        assertThrows(IllegalStateException.class, sender::recv);
        assertThrows(IllegalStateException.class, sender::poll);
        Process p = mp().process(() -> {
            sender.send("one way");
            try {
                sender.recv();
            } catch (IllegalStateException expected) {
                return;
            }
            throw new AssertionError("recv on the sending end of a one-way pipe did not throw");
        }).start();
        assertEquals("one way", receiver.recv());
        p.join();
        assertEquals(OptionalInt.of(0), p.exitCode());
    }

    @Test
    void aClosedEndRefusesEverything() throws Exception {
        Pipe pipe = mp().pipe();
        Connection c = pipe.left();
        c.close();
        c.close();
        assertTrue(c.isClosed());
        assertFalse(c.isReadable());
        assertFalse(c.isWritable());
        assertThrows(IllegalStateException.class, () -> c.send("x"));
        assertThrows(IllegalStateException.class, c::recv);
        assertThrows(IllegalStateException.class, c::poll);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mp().process(() -> c.send(1)).start());
        assertTrue(e.getMessage().contains("closed Connection"), e.getMessage());
        assertThrows(ConnectionClosedException.class, () -> pipe.right().recv());
    }

    /**
     * A reader in a child blocked in {@code recv} is interrupted: it gets {@link InterruptedException}, and the next
     * message still reaches that end (a reader that asked the owner for a message must not leave the request behind
     * to swallow the next one).
     */
    @Test
    void anInterruptedRecvThrowsAndTheNextMessageStillArrives() throws Exception {
        Pipe pipe = mp().pipe();
        Connection childEnd = pipe.right();
        Queue<String> report = mp().queue();
        Process p = mp().process(() -> {
            Object[] outcome = new Object[1];
            Thread reader = new Thread(() -> {
                try {
                    outcome[0] = childEnd.recv();
                } catch (Throwable t) {
                    outcome[0] = t;
                }
            });
            reader.start();
            while (reader.getState() != Thread.State.WAITING && reader.getState() != Thread.State.TIMED_WAITING
                    && reader.isAlive()) {
                Thread.onSpinWait();
            }
            reader.interrupt();
            reader.join();
            report.put(outcome[0] instanceof InterruptedException ? "interrupted" : "got " + outcome[0]);
            report.put("then " + childEnd.recv());
        }).start();
        assertEquals("interrupted", report.poll(Duration.ofSeconds(60)));
        pipe.left().send("after");
        assertEquals("then after", report.poll(Duration.ofSeconds(60)));
        assertTrue(p.join(Duration.ofSeconds(60)));
        assertEquals(OptionalInt.of(0), p.exitCode());
    }

    @Test
    void closingACopyWakesItsBlockedReader() throws Exception {
        Pipe pipe = mp().pipe();
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                // closing anyway
            }
            pipe.left().close();
        });
        closer.start();
        assertThrows(IllegalStateException.class, () -> pipe.left().recv());
        closer.join();
    }

    @Test
    void anUnserializableObjectFailsSendAndSendsNothing() throws Exception {
        Pipe pipe = mp().pipe();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pipe.left().send(new Object()));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertFalse(pipe.right().poll());
        pipe.left().send("still usable");
        assertEquals("still usable", pipe.right().recv());
    }

    @Test
    void anEndSentThroughAPipeReattaches() throws Exception {
        Pipe control = mp().pipe();
        Pipe data = mp().pipe();
        Connection controlTheirs = control.right();
        Process p = mp().process(() -> {
            Connection received = controlTheirs.recv();
            received.send("via a forwarded end");
            received.close();
        }).start();
        controlTheirs.close();
        control.left().send(data.right());
        data.right().close();
        assertEquals("via a forwarded end", data.left().recv());
        assertThrows(ConnectionClosedException.class, () -> data.left().recv());
        p.join();
    }

    @Test
    void waitAnyReturnsTheReadyConnections() throws Exception {
        Pipe a = mp().pipe();
        Pipe b = mp().pipe();
        Connection bTheirs = b.right();
        List<Connection> mine = List.of(a.left(), b.left());
        assertEquals(List.of(), Connections.waitAny(mine, Duration.ofMillis(100)));
        Process p = mp().process(() -> {
            Thread.sleep(200);
            bTheirs.send("b");
        }).start();
        bTheirs.close();
        assertEquals(List.of(b.left()), Connections.waitAny(mine, Duration.ofSeconds(30)));
        assertEquals("b", b.left().recv());
        p.join();
        assertEquals(List.of(b.left()), Connections.waitAny(mine, null), "end of stream is ready too");
        assertThrows(IllegalArgumentException.class, () -> Connections.waitAny(List.of(), null));
    }

    /** Python's {@code connection.wait} over connections and process sentinels; queues as well. */
    @Test
    void waitAnyOfWatchesConnectionsProcessesAndQueuesTogether() throws Exception {
        Pipe pipe = mp().pipe();
        Connection reader = pipe.left();
        Queue<String> q = mp().queue();
        dev.mp4j.Event mayEnd = mp().event();
        Process p = mp().process(mayEnd::await).start();
        List<Object> all = List.of(reader, p, q);
        assertEquals(List.of(), Connections.waitAnyOf(all, Duration.ofMillis(50)), "nothing is ready yet");
        q.put("item");
        assertEquals(List.of(q), Connections.waitAnyOf(all, Duration.ofSeconds(60)), "a queue with an item");
        assertEquals("item", q.take());
        mayEnd.set();
        assertEquals(List.of(p), Connections.waitAnyOf(all, Duration.ofSeconds(60)), "a process that ended");
        pipe.right().send("message");
        assertEquals(List.of(reader, p), Connections.waitAnyOf(all, null), "every ready one, in the order given");
        assertEquals("message", reader.recv(), "nothing was consumed");

        assertThrows(IllegalArgumentException.class, () -> Connections.waitAnyOf(List.of("a string"), null));
        assertThrows(IllegalArgumentException.class, () -> Connections.waitAnyOf(List.of(), null));
        IllegalStateException unstarted = assertThrows(IllegalStateException.class,
                () -> Connections.waitAnyOf(List.of(mp().process(() -> { })), null));
        assertTrue(unstarted.getMessage().contains("never started"), unstarted.getMessage());
    }

    @Test
    void manyThreadsShareOneEndAndEachMessageGoesToOneReader() throws Exception {
        Pipe pipe = mp().pipe();
        Connection theirs = pipe.right();
        int n = 2000;
        Process p = mp().process(() -> {
            for (int i = 0; i < n; i++) {
                theirs.send(i);
            }
        }).start();
        theirs.close();
        java.util.Set<Integer> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger dupes = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] readers = new Thread[3];
        for (int t = 0; t < readers.length; t++) {
            readers[t] = new Thread(() -> {
                try {
                    while (true) {
                        if (!seen.add(pipe.left().recv())) {
                            dupes.incrementAndGet();
                        }
                    }
                } catch (ConnectionClosedException | InterruptedException done) {
                    // end of stream
                }
            });
            readers[t].start();
        }
        for (Thread t : readers) {
            t.join(60_000);
        }
        p.join();
        assertEquals(0, dupes.get());
        assertEquals(n, seen.size());
    }
}
