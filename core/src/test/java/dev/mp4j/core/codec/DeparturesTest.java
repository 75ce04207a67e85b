package dev.mp4j.core.codec;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A refused encoding leaves no departure behind; an accepted one leaves them where they would have gone. */
class DeparturesTest {
    private static String departing(AtomicInteger undone) {
        Departures.onRelease(undone::incrementAndGet);
        return "encoded";
    }

    @Test
    void aCheckThatFailsUndoesTheDeparturesOfItsEncoding() {
        AtomicInteger undone = new AtomicInteger();
        IllegalStateException refused = new IllegalStateException("too long");
        assertSame(refused, assertThrows(IllegalStateException.class, () -> Departures.checked(
                () -> departing(undone), result -> {
                    throw refused;
                })));
        assertEquals(1, undone.get());
        assertEquals("encoded", Departures.checked(() -> departing(undone), result -> { }));
        assertEquals(1, undone.get(), "an accepted encoding outside a scope leaves its departures, as ever");
    }

    @Test
    void insideAScopeAnAcceptedEncodingLeavesItsDeparturesToTheScopeAndARefusedOneTakesItsOwnBack() {
        AtomicInteger undone = new AtomicInteger();
        List<Runnable> releases = new ArrayList<>();
        Departures.capturing(releases, () -> {
            Departures.checked(() -> departing(undone), result -> { });
            assertThrows(IllegalStateException.class, () -> Departures.checked(() -> departing(undone), result -> {
                throw new IllegalStateException("too long");
            }));
            return null;
        });
        assertEquals(1, undone.get(), "the refused one was undone at once");
        assertEquals(1, releases.size(), "the accepted one is the scope's to undo");
        releases.forEach(Runnable::run);
        assertEquals(2, undone.get());
    }
}
