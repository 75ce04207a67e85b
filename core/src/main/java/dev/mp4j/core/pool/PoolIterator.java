package dev.mp4j.core.pool;

import dev.mp4j.MpException;
import dev.mp4j.core.codec.Codec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The iterator of {@code imap} and {@code imapUnordered}. The input is read in the caller's thread, a chunk
 * at a time, while fewer than {@code window} chunks are issued but not yet handed to the caller: memory stays
 * bounded however long the input, and an exception from the input surfaces in the caller as itself, after
 * the results of the items read before it.
 */
final class PoolIterator<R> implements Iterator<R> {
    /** A chunk's outcome: its results, or its failure. */
    private record Outcome(long seq, List<?> values, Throwable failure) {
    }

    private final PoolControl pool;
    private final PoolWork work;
    private final Iterator<?> input;
    private final int chunksize;
    private final boolean ordered;
    private final int window;
    private final LinkedBlockingQueue<Outcome> arrived = new LinkedBlockingQueue<>();
    private final Map<Long, Outcome> early = new HashMap<>();
    private final ArrayDeque<Object> current = new ArrayDeque<>();
    private long issued;
    private long delivered;
    private boolean inputDone;
    private RuntimeException inputFailure;
    private Error inputError;

    PoolIterator(PoolControl pool, PoolWork work, Iterator<?> input, int chunksize, boolean ordered, int window) {
        this.pool = pool;
        this.work = work;
        this.input = input;
        this.chunksize = chunksize;
        this.ordered = ordered;
        this.window = window;
    }

    @Override
    public boolean hasNext() {
        while (current.isEmpty()) {
            issue();
            if (delivered == issued) {
                return inputFailure != null || inputError != null;
            }
            Outcome o = nextOutcome();
            delivered++;
            if (o.failure != null) {
                current.add(new Failure(o.failure));
            } else {
                current.addAll(o.values);
            }
        }
        return true;
    }

    /** Marks a failed chunk in the stream of results, to be thrown at its place. */
    private record Failure(Throwable failure) {
    }

    @Override
    @SuppressWarnings("unchecked")
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more results");
        }
        if (current.isEmpty()) {
            RuntimeException f = inputFailure;
            Error e = inputError;
            inputFailure = null;
            inputError = null;
            if (e != null) {
                throw e;
            }
            throw f;
        }
        Object v = current.poll();
        if (v instanceof Failure f) {
            throw PoolMessage.asRemote(f.failure);
        }
        return (R) v;
    }

    private Outcome nextOutcome() {
        try {
            if (!ordered) {
                return arrived.take();
            }
            long want = delivered;
            Outcome o = early.remove(want);
            while (o == null) {
                Outcome got = arrived.take();
                if (got.seq == want) {
                    o = got;
                } else {
                    early.put(got.seq, got);
                }
            }
            return o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MpException("interrupted while waiting for the next result of imap", e);
        }
    }

    /** Issues chunks while the window has room and the input has items. */
    private void issue() {
        while (!inputDone && issued - delivered < window) {
            if (!pool.accepting()) {
                inputFailure = new IllegalStateException("the pool was shut down: imap reads no more of its input");
                finishInput();
                return;
            }
            List<Object> chunk = new ArrayList<>(chunksize);
            try {
                while (chunk.size() < chunksize && input.hasNext()) {
                    chunk.add(input.next());
                }
                if (chunk.size() < chunksize) {
                    finishInput();
                }
            } catch (RuntimeException e) {
                inputFailure = e;
                finishInput();
            } catch (Error e) {
                inputError = e;
                finishInput();
            }
            if (!chunk.isEmpty()) {
                send(chunk);
            }
        }
    }

    private void finishInput() {
        inputDone = true;
    }

    private void send(List<Object> chunk) {
        long seq = issued++;
        PoolJob.Sink sink = new PoolJob.Sink() {
            @Override
            public void done(Object value) {
                arrived.add(new Outcome(seq, (List<?>) value, null));
            }

            @Override
            public void failed(Throwable failure) {
                arrived.add(new Outcome(seq, null, failure));
            }
        };
        byte[] items;
        try {
            items = Codec.encode(chunk);
        } catch (IllegalArgumentException e) {
            // bad input, as an input iterator that throws: surfaces in place, as itself, and ends the input
            issued--;
            inputFailure = new IllegalArgumentException("an item of the input cannot be serialized, so it and the items"
                    + " after it were not sent to the pool: " + e.getMessage(), e.getCause());
            finishInput();
            return;
        }
        try {
            pool.submit(new PoolJob(PoolWork.nextId(), work, items, sink));
        } catch (IllegalStateException e) {
            issued--;
            inputFailure = e;
            finishInput();
        }
    }
}
