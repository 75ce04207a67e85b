package dev.mp4j.core.pool;

import dev.mp4j.Connection;
import dev.mp4j.Pipe;
import dev.mp4j.Queue;
import dev.mp4j.SerializableCallable;
import dev.mp4j.SerializableFunction;
import dev.mp4j.Task;
import dev.mp4j.core.codec.Codec;
import dev.mp4j.core.pipe.PipeTokens;
import dev.mp4j.core.queue.QueueTokens;

import java.io.Serial;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The task a pool worker runs: the initializer, then jobs from its own pipe, each once it claimed it
 * ({@link PoolClaims}), until told to stop or its task limit is reached. Outcomes go back on the pool's queue; a result that cannot be serialized fails its job.
 */
final class PoolWorker implements Task {
    @Serial
    private static final long serialVersionUID = 3L;
    private final Queue<Object> outcomes;
    private final PoolClaims claims;
    private final int slot;
    /** Its number, as its name has it: names it to the pool in its messages. */
    private final long worker;
    private final Task initializer;
    private final int maxTasks;

    PoolWorker(Queue<Object> outcomes, PoolClaims claims, int slot, long worker, Task initializer, int maxTasks) {
        this.outcomes = outcomes;
        this.claims = claims;
        this.slot = slot;
        this.worker = worker;
        this.initializer = initializer;
        this.maxTasks = maxTasks;
    }

    @Override
    public void run() throws Exception {
        if (initializer != null) {
            try {
                initializer.run();
            } catch (Throwable t) {
                outcomes.put(failed(-1, t));
                return;
            }
        }
        // the worker owns its job pipe, so that taking a job is local; it lives on the transport of the pool's queue
        Pipe pipe = PipeTokens.newPipe(QueueTokens.nodeOf(outcomes), false);
        outcomes.put(new PoolMessage.Ready(slot, worker, pipe.right()));
        Connection jobs = pipe.left();
        int done = 0;
        long workId = 0;
        Object work = null;
        for (;;) {
            byte[] frame = jobs.recvBytes();
            if (frame[0] == PoolMessage.STOP) {
                return;
            }
            ByteBuffer bb = ByteBuffer.wrap(frame);
            bb.get();
            long id = bb.getLong();
            if (!claims.claim(slot, bb.getInt(), id)) {
                continue; // the pool took it back and sent it to a worker that was idle
            }
            long wid = bb.getLong();
            int workLength = bb.getInt();
            int workAt = bb.position();
            Throwable unreadable = null;
            if (wid != workId || work == null) {
                try {
                    work = Codec.decode(Arrays.copyOfRange(frame, workAt, workAt + workLength));
                    workId = wid;
                } catch (RuntimeException | Error e) {
                    work = null;
                    unreadable = e;
                }
            }
            byte[] outcome = unreadable != null ? failed(id, unreadable) : run(id, work, frame, workAt + workLength);
            // a task that left its thread interrupted must not fail the put of its outcome, nor the next task
            Thread.interrupted();
            outcomes.put(outcome);
            if (maxTasks > 0 && ++done >= maxTasks) {
                outcomes.put(PoolMessage.retiring(slot, worker));
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private byte[] run(long id, Object work, byte[] frame, int itemsAt) {
        Object value;
        try {
            if (itemsAt == frame.length) {
                value = ((SerializableCallable<Object>) work).call();
            } else {
                SerializableFunction<Object, Object> fn = (SerializableFunction<Object, Object>) work;
                List<Object> items = (List<Object>) Codec.decode(Arrays.copyOfRange(frame, itemsAt, frame.length));
                List<Object> out = new ArrayList<>(items.size());
                for (Object item : items) {
                    out.add(fn.apply(item));
                }
                value = out;
            }
        } catch (Throwable t) {
            return failed(id, t);
        }
        try {
            return PoolMessage.outcome(PoolMessage.DONE, slot, id, Codec.encode(value));
        } catch (IllegalArgumentException e) {
            return failed(id, new IllegalArgumentException("the task's result cannot be serialized: " + e.getMessage(),
                    e.getCause()));
        }
    }

    private byte[] failed(long id, Throwable t) {
        return PoolMessage.outcome(PoolMessage.FAILED, slot, id, PoolMessage.RemoteFailure.of(t).toBytes());
    }
}
