package dev.mp4j.tck;

import dev.mp4j.Connection;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.Context;
import dev.mp4j.MpException;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Pipe;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.SharedLongArray;
import dev.mp4j.spi.HighWaterMark;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The root of a process tree whose high-water mark is {@value #MARK} bytes, for {@link BackpressureContract}:
 * {@code main(transport)} sets {@link HighWaterMark#PROPERTY} before anything opens the transport (its children
 * inherit it), then has children send {@value #ITEMS} items of {@value #ITEM} bytes, four marks' worth, into an
 * unbounded queue and a pipe that nobody reads yet, and checks that:
 * <ul>
 *   <li>a producer, and a pipe's sender, wait at the mark: at most {@value #MOST} items go while none is taken;</li>
 *   <li>once the reader takes them, every item arrives, once, in order, and the sender ends well;</li>
 *   <li>a sender waiting at the mark gets {@link ConnectionClosedException} when the reader closes its end;</li>
 *   <li>a sender interrupted while it waits gets {@link MpException}, keeps its interrupt status, and sent nothing.</li>
 * </ul>
 * Exits 0 when every check held; else prints what did not, and exits 1.
 */
public final class FloodingRoot {
    static final int MARK = 1 << 20;
    static final int ITEM = 64 << 10;
    static final int ITEMS = 4 * MARK / ITEM;
    /** The mark's worth of items, and one more: what concurrent senders may pass together. */
    static final int MOST = MARK / ITEM + 1;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /**
     * How long a sender that ignored the mark gets to show it, once it is under way: a correct one stops after
     * {@value #MOST} items at most, so this wait only ever lets a wrong one fail.
     */
    private static final Duration OVERSHOOT = Duration.ofSeconds(2);

    private FloodingRoot() {}

    /** @param args {@code <transport>} */
    public static void main(String[] args) throws Exception {
        System.setProperty(HighWaterMark.PROPERTY, Integer.toString(MARK));
        Context mp = Multiprocessing.context(args[0]);
        aProducerWaitsAtTheMark(mp);
        aPipeSenderWaitsAtTheMark(mp);
        aWaitingSenderSeesTheReaderClose(mp);
        anInterruptedSenderSendsNothing(mp);
        System.exit(0);
    }

    /** The consumer is another child: its takes, not the queue's owner's, must give the producer room. */
    private static void aProducerWaitsAtTheMark(Context mp) throws Exception {
        Queue<byte[]> q = mp.queue();
        SharedLongArray sent = mp.sharedLongArray(1);
        Process producer = mp.process(() -> {
            for (int i = 0; i < ITEMS; i++) {
                q.put(item(i));
                sent.set(0, i + 1);
            }
        }).start();
        long passed = sentWhileNothingIsTaken(sent);
        expect(true, passed <= MOST, "a producer put " + passed + " items of " + ITEM + " bytes that nobody took, "
                + "over a mark of " + MARK);
        Queue<String> report = mp.queue();
        Process consumer = mp.process(() -> {
            for (int i = 0; i < ITEMS; i++) {
                byte[] got = q.take();
                if (!Arrays.equals(item(i), got)) {
                    report.put("item " + i + " was " + got.length + " bytes of " + (got.length > 0 ? got[0] : -1));
                    return;
                }
            }
            report.put("every item");
        }).start();
        expect("every item", report.poll(PATIENCE), "what a consumer in another process took, once and in order");
        expectEnd(producer, "the producer");
        expectEnd(consumer, "the consumer");
    }

    private static void aPipeSenderWaitsAtTheMark(Context mp) throws Exception {
        Pipe pipe = mp.pipe(false);
        Connection out = pipe.right();
        SharedLongArray sent = mp.sharedLongArray(1);
        Process child = mp.process(() -> {
            for (int i = 0; i < ITEMS; i++) {
                out.sendBytes(item(i));
                sent.set(0, i + 1);
            }
        }).start();
        long passed = sentWhileNothingIsTaken(sent);
        expect(true, passed <= MOST, "a pipe's sender sent " + passed + " messages of " + ITEM + " bytes that nobody "
                + "read, over a mark of " + MARK);
        for (int i = 0; i < ITEMS; i++) {
            expectItem(i, pipe.left().poll(PATIENCE) ? pipe.left().recvBytes() : null, "the pipe");
        }
        expectEnd(child, "the pipe's sender");
    }

    private static void aWaitingSenderSeesTheReaderClose(Context mp) throws Exception {
        Pipe pipe = mp.pipe(false);
        Connection out = pipe.right();
        SharedLongArray sent = mp.sharedLongArray(1);
        Queue<String> report = mp.queue();
        Process child = mp.process(() -> {
            try {
                for (int i = 0; i < ITEMS; i++) {
                    out.sendBytes(item(i));
                    sent.set(0, i + 1);
                }
                report.put("sent everything");
            } catch (ConnectionClosedException e) {
                report.put("closed");
            }
        }).start();
        awaitUnderWay(sent);
        pipe.left().close();
        expect("closed", report.poll(PATIENCE), "a sender waiting at the mark when the reader closed its end");
        expectEnd(child, "the sender whose reader closed");
    }

    private static void anInterruptedSenderSendsNothing(Context mp) throws Exception {
        Pipe pipe = mp.pipe(false);
        Connection out = pipe.right();
        Queue<String> report = mp.queue();
        Process child = mp.process(() -> {
            AtomicInteger count = new AtomicInteger();
            AtomicReference<String> outcome = new AtomicReference<>("sent everything");
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < ITEMS; i++) {
                        out.sendBytes(item(i));
                        count.set(i + 1);
                    }
                } catch (MpException e) {
                    outcome.set(e.getClass().getSimpleName() + " interrupted=" + Thread.currentThread().isInterrupted()
                            + " nothingSent=" + e.getMessage().contains("nothing was sent"));
                }
            });
            sender.start();
            // proof that it waits: the mark's worth went, and the thread is parked (not a sleep that hopes so)
            while (sender.isAlive() && !(count.get() >= MARK / ITEM / 2 && parked(sender.getState()))) {
                Thread.onSpinWait();
                Thread.yield();
            }
            sender.interrupt();
            sender.join();
            report.put(outcome.get());
            report.put(Integer.toString(count.get()));
            out.send("after");
        }).start();
        expect("MpException interrupted=true nothingSent=true", report.poll(PATIENCE),
                "a sender interrupted while it waited at the mark");
        String count = report.poll(PATIENCE);
        int sent = count == null ? -1 : Integer.parseInt(count);
        for (int i = 0; i < sent; i++) {
            expectItem(i, pipe.left().poll(PATIENCE) ? pipe.left().recvBytes() : null, "the interrupted sender's pipe");
        }
        Object next = pipe.left().poll(PATIENCE) ? pipe.left().recv() : null;
        expect("after", next instanceof byte[] b ? "the message whose send was interrupted, " + b.length + " bytes"
                : next, "the message after the interrupted send");
        expectEnd(child, "the interrupted sender");
    }

    private static boolean parked(Thread.State state) {
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /** Waits until the sender is under way, then gives it {@link #OVERSHOOT} to pass the mark; returns its count. */
    private static long sentWhileNothingIsTaken(SharedLongArray sent) throws InterruptedException {
        awaitUnderWay(sent);
        long deadline = System.nanoTime() + OVERSHOOT.toNanos();
        while (sent.get(0) < ITEMS && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        return sent.get(0);
    }

    /** Waits until the sender has sent half the mark's worth: it is under way, and soon at the mark. */
    private static void awaitUnderWay(SharedLongArray sent) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (sent.get(0) < MARK / ITEM / 2) {
            if (System.nanoTime() - deadline > 0) {
                fail("the sender sent " + sent.get(0) + " items in " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(5);
        }
    }

    static byte[] item(int i) {
        byte[] b = new byte[ITEM];
        Arrays.fill(b, (byte) i);
        return b;
    }

    private static void expectItem(int i, byte[] got, String where) {
        if (got == null || !Arrays.equals(item(i), got)) {
            fail(where + ": item " + i + " was " + (got == null ? "missing" : got.length + " bytes of "
                    + (got.length == 0 ? "nothing" : Byte.toString(got[0]))));
        }
    }

    private static void expectEnd(Process child, String what) throws InterruptedException {
        expect(true, child.join(PATIENCE), what + " ends");
        expect(0, child.exitCode().orElse(-1), what + "'s exit code");
    }

    private static void expect(Object expected, Object actual, String what) {
        if (!Objects.equals(expected, actual)) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }

    private static void fail(String why) {
        System.err.println(PeerJvm.REPORT + "failed: " + why);
        System.exit(1);
    }
}
