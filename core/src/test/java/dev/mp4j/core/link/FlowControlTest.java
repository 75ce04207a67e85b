package dev.mp4j.core.link;

import dev.mp4j.MpException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both sides of credit-based flow control, in one process: {@link SendWindow} and {@link Inbox}. */
@Timeout(30)
class FlowControlTest {
    private static final long WINDOW = 1 << 20;
    private static final byte CREDIT = Wire.op(2, 9);

    /** A caller that keeps the credit it is sent. */
    private static final class Credits implements Caller {
        final List<Long> given = new ArrayList<>();

        @Override
        public void send(ByteBuffer frame) {
            assertEquals(CREDIT, Wire.op(frame));
            assertEquals(7, Wire.x(frame), "addressed to the sender's receiver id");
            given.add(Wire.y(frame));
        }

        @Override
        public int maxPayloadBytes() {
            return Integer.MAX_VALUE;
        }

        @Override
        public void reply(long requestId, long status, long value, byte[] payload) {
            throw new AssertionError("no call here");
        }

        @Override
        public void reply(long requestId, long status) {
            throw new AssertionError("no call here");
        }

        @Override
        public void replyError(long requestId, String message) {
            throw new AssertionError("no call here");
        }

        @Override
        public void touch(Owned object) {
        }

        @Override
        public void untouch(Owned object) {
        }
    }

    private static Inbox.Sender sender(Credits link, long window) {
        return Inbox.sender(link, 7, CREDIT, Wire.frame(CREDIT, 0, 0, 0, Inbox.windowPayload(window)));
    }

    @Test
    void aWindowTakesItsBytesThenWaitsUntilCredited() throws Exception {
        SendWindow w = new SendWindow(WINDOW);
        for (int i = 0; i < 16; i++) {
            assertTrue(w.acquire(64 << 10, 0), "item " + i + " fits");
        }
        assertFalse(w.acquire(1, 0), "a full window takes nothing more");
        assertFalse(w.acquire(1, TimeUnit.MILLISECONDS.toNanos(20)), "and times out");

        Thread waiter = new Thread(() -> {
            try {
                w.acquire(64 << 10, -1);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        waiter.start();
        awaitParked(waiter);
        w.credit(64 << 10);
        waiter.join(10_000);
        assertFalse(waiter.isAlive(), "credit wakes the waiter");
        assertFalse(w.acquire(1, 0), "which took the room it was given");
    }

    @Test
    void anItemLargerThanTheWindowGoesWhenNothingIsUnread() throws Exception {
        SendWindow w = new SendWindow(WINDOW);
        assertTrue(w.acquire(10 << 20, 0), "alone, it goes: it costs half the window");
        assertTrue(w.acquire(10 << 20, 0), "and a second fills the window");
        assertFalse(w.acquire(1, 0));
        w.credit(WINDOW);
        assertTrue(w.acquire(1, 0));
    }

    @Test
    void anOpenWindowLetsEveryWaiterGo() throws Exception {
        SendWindow w = new SendWindow(WINDOW);
        assertTrue(w.acquire((int) WINDOW / 2, 0));
        assertTrue(w.acquire((int) WINDOW / 2, 0));
        Thread waiter = new Thread(() -> {
            try {
                w.acquire(1, -1);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        waiter.start();
        awaitParked(waiter);
        w.open();
        waiter.join(10_000);
        assertFalse(waiter.isAlive(), "the link closed: the waiter goes on to fail for that reason");
        assertTrue(w.acquire(Integer.MAX_VALUE, 0), "and nothing is counted any more");
    }

    @Test
    void anInterruptedSendFailsSendsNothingAndKeepsTheInterrupt() throws Exception {
        SendWindow w = new SendWindow(WINDOW);
        assertTrue(w.acquire((int) WINDOW / 2, 0));
        assertTrue(w.acquire((int) WINDOW / 2, 0));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try {
                w.acquireForSend(1);
            } catch (MpException e) {
                failure.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        sender.start();
        awaitParked(sender);
        sender.interrupt();
        sender.join(10_000);
        assertTrue(failure.get() != null && failure.get().getMessage().contains("nothing was sent"),
                String.valueOf(failure.get()));
        assertEquals(Boolean.TRUE, stillInterrupted.get());
        w.credit(WINDOW / 2);
        assertTrue(w.acquire((int) (WINDOW / 2), 0), "the interrupted send was charged nothing");
    }

    @Test
    void anInterruptedSenderWithRoomStillSends() throws Exception {
        SendWindow w = new SendWindow(WINDOW);
        Thread.currentThread().interrupt();
        try {
            assertTrue(w.acquire(1, -1), "room: no wait, so the interrupt status does not matter");
            w.acquireForSend(1);
            assertTrue(Thread.currentThread().isInterrupted(), "and it is left as it was");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anInboxGivesCreditBackInQuartersOfTheWindowAsItemsAreTaken() {
        Credits link = new Credits();
        Inbox.Sender from = sender(link, WINDOW);
        Inbox inbox = new Inbox();
        for (int i = 0; i < 8; i++) {
            inbox.addLast(new byte[64 << 10], from);
        }
        inbox.addLast(new byte[100]); // this process's own: no credit
        for (int i = 0; i < 3; i++) {
            inbox.pollFirst();
        }
        assertEquals(List.of(), link.given, "less than a quarter taken: nothing given back yet");
        inbox.pollFirst();
        assertEquals(List.of(WINDOW / 4), link.given, "a quarter taken");
        for (int i = 0; i < 4; i++) {
            inbox.pollFirst();
        }
        assertEquals(List.of(WINDOW / 4, WINDOW / 4), link.given);
        assertEquals(100, inbox.pollFirst().length);
        assertEquals(List.of(WINDOW / 4, WINDOW / 4), link.given, "nobody is credited for its own item");
        assertNull(inbox.pollFirst());
    }

    @Test
    void anItemPutBackUnreadIsNotCreditedTwice() {
        Credits link = new Credits();
        Inbox.Sender from = sender(link, 8);
        Inbox inbox = new Inbox();
        inbox.addLast(new byte[] {1, 2}, from);
        byte[] taken = inbox.pollFirst();
        assertEquals(List.of(2L), link.given);
        inbox.addFirst(taken);
        assertArrayEquals(taken, inbox.pollFirst());
        assertEquals(List.of(2L), link.given);
    }

    @Test
    void aSenderThatStatedNoWindowGetsNoAccount() {
        assertNull(Inbox.sender(new Credits(), 7, CREDIT, Wire.frame(CREDIT, 0, 0, 0)));
        assertNull(Inbox.sender(new Credits(), 7, CREDIT, Wire.frame(CREDIT, 0, 0, 0, Inbox.windowPayload(0))));
    }

    /** Waits until the thread waits: a proof of state, not a sleep. */
    private static void awaitParked(Thread t) throws InterruptedException {
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            if (!t.isAlive()) {
                throw new AssertionError(t + " ended instead of waiting");
            }
            Thread.sleep(1);
        }
    }
}
