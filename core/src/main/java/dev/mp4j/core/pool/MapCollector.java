package dev.mp4j.core.pool;

import dev.mp4j.core.codec.Codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A {@code map}'s chunks: cuts its items into jobs, and gathers their outcomes into one list; fails with the
 * first failure in input order, once all ended.
 */
final class MapCollector<R> {
    private final Object[] values;
    private final PoolResult<List<R>> result = new PoolResult<>();
    private final List<PoolJob> jobs = new ArrayList<>();
    private final AtomicInteger remaining;
    private volatile boolean allSubmitted;
    private int firstFailedChunk = Integer.MAX_VALUE;
    private Throwable firstFailure;

    /**
     * Encodes every chunk, then submits them all, before it returns.
     *
     * @param submit hands a job to the pool
     * @throws IllegalArgumentException if an item cannot be serialized (it says which); nothing was submitted
     */
    static <R> PoolResult<List<R>> submit(PoolWork work, List<?> items, int chunksize, Consumer<PoolJob> submit) {
        List<byte[]> chunks = new ArrayList<>((items.size() + chunksize - 1) / chunksize);
        for (int from = 0; from < items.size(); from += chunksize) {
            List<Object> part = new ArrayList<>(items.subList(from, Math.min(items.size(), from + chunksize)));
            try {
                chunks.add(Codec.encode(part));
            } catch (IllegalArgumentException e) {
                throw unserializable(part, from, e);
            }
        }
        MapCollector<R> collector = new MapCollector<>(items.size(), chunksize);
        for (int chunk = 0; chunk < chunks.size(); chunk++) {
            PoolJob job = new PoolJob(PoolWork.nextId(), work, chunks.get(chunk), collector.sink(chunk, chunk * chunksize));
            collector.jobs.add(job);
            submit.accept(job);
        }
        collector.submitted();
        return collector.result;
    }

    /** @return the failure of a chunk that cannot be encoded, naming the first item of it that cannot be */
    private static IllegalArgumentException unserializable(List<Object> part, int from, IllegalArgumentException e) {
        for (int i = 0; i < part.size(); i++) {
            try {
                Codec.encode(part.get(i));
            } catch (IllegalArgumentException itself) {
                return new IllegalArgumentException("item " + (from + i) + " of the input cannot be serialized, so no"
                        + " item was sent to the pool: " + itself.getMessage(), itself.getCause());
            }
        }
        return new IllegalArgumentException("items " + from + " to " + (from + part.size() - 1) + " of the input cannot"
                + " be serialized together, so no item was sent to the pool: " + e.getMessage(), e.getCause());
    }

    /**
     * The items as a list to cut into chunks. A random-access list is read in place (every chunk is encoded
     * before {@code mapAsync} returns, so later changes to it cannot reach the workers); anything else is copied.
     */
    static <T> List<T> snapshot(Iterable<T> items) {
        if (items instanceof List<T> l && l instanceof RandomAccess) {
            return l;
        }
        if (items instanceof Collection<T> c) {
            return new ArrayList<>(c);
        }
        List<T> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }

    /** Python's: about four chunks for each worker. */
    static int defaultChunksize(int n, int workers) {
        int workers4 = 4 * workers;
        return Math.max(1, (n + workers4 - 1) / workers4);
    }

    private MapCollector(int n, int chunksize) {
        this.values = new Object[n];
        this.remaining = new AtomicInteger(n == 0 ? 0 : (n + chunksize - 1) / chunksize);
        result.onCancel(() -> jobs.forEach(j -> j.cancelled = true));
    }

    private void submitted() {
        allSubmitted = true;
        if (remaining.get() == 0) {
            finish();
        }
    }

    private PoolJob.Sink sink(int chunk, int from) {
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
