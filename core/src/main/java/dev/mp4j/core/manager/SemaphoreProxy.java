package dev.mp4j.core.manager;

import dev.mp4j.Semaphore;
import dev.mp4j.shm.Durations;

import java.io.Serial;
import java.time.Duration;

/** A proxy for a managed semaphore. Permits this thread took are given back if its process dies. */
final class SemaphoreProxy extends BaseProxy implements Semaphore {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final String TRY_ACQUIRE = Protocol.sig(ServedSemaphore.class, "tryAcquire");
    private static final String TRY_ACQUIRE_NANOS = Protocol.sig(ServedSemaphore.class, "tryAcquireNanos", long.class);
    private static final String RELEASE = Protocol.sig(ServedSemaphore.class, "release");
    private static final String AVAILABLE = Protocol.sig(ServedSemaphore.class, "availablePermits");

    SemaphoreProxy(ManagerClient client, long id, String kind) {
        super(client, id, kind);
    }

    @Override
    public void acquire() throws InterruptedException {
        sliced(TRY_ACQUIRE_NANOS, null, -1, true);
    }

    @Override
    public boolean tryAcquire() {
        return (Boolean) call(TRY_ACQUIRE);
    }

    @Override
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return sliced(TRY_ACQUIRE_NANOS, null, Math.max(0, Durations.toNanos(timeout)), true) != null;
    }

    @Override
    public void release() {
        call(RELEASE);
    }

    @Override
    public int availablePermits() {
        return (Integer) call(AVAILABLE);
    }
}
