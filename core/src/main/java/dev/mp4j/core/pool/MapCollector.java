package dev.mp4j.core.pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Gathers a {@code map}'s chunks into one list; fails with the first failure in input order, once all ended. */
final class MapCollector<R> {
    private final Object[] values;
    private final PoolResult<List<R>> result = new PoolResult<>();
    private final List<PoolJob> jobs = new ArrayList<>();
    private final AtomicInteger remaining;
    private volatile boolean allSubmitted;
    private int firstFailedChunk = Integer.MAX_VALUE;
    private Throwable firstFailure;

    MapCollector(int n, int chunksize) {
        this.values = new Object[n];
        this.remaining = new AtomicInteger(n == 0 ? 0 : (n + chunksize - 1) / chunksize);
        result.onCancel(() -> jobs.forEach(j -> j.cancelled = true));
    }

    void track(PoolJob job) {
        jobs.add(job);
    }

    void submitted() {
        allSubmitted = true;
        if (remaining.get() == 0) {
            finish();
        }
    }

    PoolResult<List<R>> result() {
        return result;
    }

    PoolJob.Sink sink(int chunk, int from) {
        return new PoolJob.Sink() {
            @Override
            public void done(Object value) {
                List<?> part = (List<?>) value;
                for (int i = 0; i < part.size(); i++) {
                    values[from + i] = part.get(i);
                }
                chunkEnded();
            }

            @Override
            public void failed(Throwable failure) {
                synchronized (MapCollector.this) {
                    if (chunk < firstFailedChunk) {
                        firstFailedChunk = chunk;
                        firstFailure = failure;
                    }
                }
                chunkEnded();
            }
        };
    }

    private void chunkEnded() {
        if (remaining.decrementAndGet() == 0 && allSubmitted) {
            finish();
        }
    }

    @SuppressWarnings("unchecked")
    private synchronized void finish() {
        if (firstFailure != null) {
            result.fail(firstFailure);
        } else {
            result.complete((List<R>) Arrays.asList(values));
        }
    }
}
