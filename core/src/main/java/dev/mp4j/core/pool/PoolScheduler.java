package dev.mp4j.core.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pool's jobs: it keeps those not yet sent, and sends each worker at most {@value #JOBS_PER_WORKER} at a
 * time over the worker's own pipe, so it always knows which jobs a worker holds; a worker that dies fails
 * exactly those. Every method runs under the pool's lock.
 */
final class PoolScheduler {
    /**
     * Jobs sent ahead to one worker, so that small tasks stream instead of waiting a round trip each. A
     * worker runs its jobs in order; if it dies, the first fails and the others go back to be sent again.
     */
    static final int JOBS_PER_WORKER = 8;

    private final PoolState state;
    private final ArrayDeque<PoolJob> pending = new ArrayDeque<>();
    private final Map<Long, PoolJob> running = new HashMap<>();
    private int nextSlot;

    PoolScheduler(PoolState state) {
        this.state = state;
    }

    void submit(PoolJob job) {
        state.checkAccepting();
        pending.add(job);
        pump();
    }

    /** Hands pending jobs to workers with room, starting at a rotating worker. */
    void pump() {
        if (state.lifecycle == PoolState.Lifecycle.TERMINATED || state.lifecycle == PoolState.Lifecycle.STARTING) {
            return;
        }
        PoolSlot[] slots = state.slots;
        int n = slots.length;
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (int k = 0; k < n && !pending.isEmpty(); k++) {
                PoolSlot s = slots[(nextSlot + k) % n];
                if (!s.canTake(JOBS_PER_WORKER)) {
                    continue;
                }
                PoolJob job = pending.poll();
                if (job.cancelled) {
                    progress = true;
                    continue;
                }
                try {
                    s.jobs.sendBytes(PoolMessage.job(job.id, job.work.id(), job.work.bytes(), job.items));
                } catch (RuntimeException e) {
                    pending.addFirst(job);
                    s.stopping = true;
                    continue;
                }
                job.slot = s;
                running.put(job.id, job);
                s.jobIds.add(job.id);
                s.tasksLeft--;
                progress = true;
            }
            nextSlot = (nextSlot + 1) % n;
        }
    }

    /** @return the job with this id, which its worker ended, or null if the pool no longer waits for it */
    PoolJob ended(long id) {
        PoolJob job = running.remove(id);
        if (job != null) {
            job.slot.jobIds.remove(id);
        }
        return job;
    }

    /**
     * Takes back the jobs of a worker that is gone. The ones it had not begun go back to the front of the
     * queue, in their order.
     *
     * @return the oldest, which the worker was running, or null
     */
    PoolJob reclaim(PoolSlot slot) {
        PoolJob lost = null;
        List<PoolJob> unstarted = new ArrayList<>();
        boolean oldest = true;
        for (Long id : slot.jobIds) {
            PoolJob job = running.remove(id);
            if (job != null && oldest) {
                lost = job;
            } else if (job != null) {
                job.slot = null;
                unstarted.add(job);
            }
            oldest = false;
        }
        for (int i = unstarted.size() - 1; i >= 0; i--) {
            pending.addFirst(unstarted.get(i));
        }
        slot.jobIds.clear();
        return lost;
    }

    boolean idle() {
        return pending.isEmpty() && running.isEmpty();
    }

    /** On terminate: forgets every job, and returns them, those not sent first. */
    List<PoolJob> dropAll() {
        List<PoolJob> dropped = new ArrayList<>(pending);
        dropped.addAll(running.values());
        pending.clear();
        running.clear();
        for (PoolSlot s : state.slots) {
            s.jobIds.clear();
        }
        return dropped;
    }

    @Override
    public String toString() {
        return pending.size() + " pending, " + running.size() + " running";
    }
}
