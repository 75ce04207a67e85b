package dev.mp4j.core.manager;

import dev.mp4j.Event;
import dev.mp4j.shm.Durations;

import java.io.Serial;
import java.time.Duration;

/** A proxy for a managed event. */
final class EventProxy extends BaseProxy implements Event {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final String SET = Protocol.sig(ServedEvent.class, "set");
    private static final String CLEAR = Protocol.sig(ServedEvent.class, "clear");
    private static final String IS_SET = Protocol.sig(ServedEvent.class, "isSet");
    private static final String AWAIT_NANOS = Protocol.sig(ServedEvent.class, "awaitNanos", long.class);

    EventProxy(ManagerClient client, long id, String kind) {
        super(client, id, kind);
    }

    @Override
    public void set() {
        call(SET);
    }

    @Override
    public void clear() {
        call(CLEAR);
    }

    @Override
    public boolean isSet() {
        return (Boolean) call(IS_SET);
    }

    @Override
    public void await() throws InterruptedException {
        sliced(AWAIT_NANOS, null, -1, true);
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return sliced(AWAIT_NANOS, null, Math.max(0, Durations.toNanos(timeout)), true) != null;
    }
}
