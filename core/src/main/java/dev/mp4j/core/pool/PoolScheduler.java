package dev.mp4j.core.pool;

import dev.mp4j.core.pipe.PipeTokens;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The pool's jobs: it keeps those not yet sent, and sends each worker at most {@value PoolClaims#CELLS_PER_WORKER}
 * at a time over the worker's own pipe, so it always knows which jobs a worker holds; a worker that dies fails
 * exactly those it had begun. Sending ahead keeps small tasks streaming; so that no job waits behind a long one while
 * another worker is idle, an idle worker takes over jobs a busy one has not begun ({@link #steal}). Every method runs
 * under the pool's lock.
 */
final class PoolScheduler {
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

    /**
     * Hands pending jobs to the workers with room; then, while nothing is pending and a worker is idle, has it take
     * over jobs from the busiest. Ends: each steal gives an idle worker a job, and then it is idle no more.
     */
    void pump() {
        if (state.lifecycle == PoolState.Lifecycle.TERMINATED || state.lifecycle == PoolState.Lifecycle.STARTING) {
            return;
        }
        do {
            dispatch();
        } while (pending.isEmpty() && steal());
    }

    /** Hands each pending job to the worker with room that holds fewest; ties go round the slots. */
    private void dispatch() {
        while (!pending.isEmpty()) {
            PoolSlot s = leastLoaded();
            if (s == null) {
                return;
            }
            PoolJob job = pending.poll();
            if (job.cancelled) {
                continue;
            }
            int cell = s.takeCell();
            state.claims.sent(s.index, cell, job.id);
            try {
                // never waits at the mark: a worker holds at most CELLS_PER_WORKER jobs, and this thread takes the
                // outcomes a worker may be waiting to put
                PipeTokens.sendWithoutWaiting(s.jobs,
                        PoolMessage.job(job.id, cell, job.work.id(), job.work.bytes(), job.items));
            } catch (RuntimeException e) {
                s.stopping = true;
                // a send that failed may still have delivered the frame: the job is ours again only if it was not begun
                if (state.claims.revoke(s.index, cell, job.id)) {
                    s.freeCell(cell);
                    pending.addFirst(job);
                    continue;
                }
            }
            job.slot = s;
            job.cell = cell;
            running.put(job.id, job);
            s.jobIds.add(job.id);
            s.tasksLeft--;
            nextSlot = (s.index + 1) % state.slots.length;
        }
    }

    private PoolSlot leastLoaded() {
        PoolSlot[] slots = state.slots;
        PoolSlot best = null;
        for (int k = 0; k < slots.length; k++) {
            PoolSlot s = slots[(nextSlot + k) % slots.length];
            if (s.canTake() && (best == null || s.jobIds.size() < best.jobIds.size())) {
                best = s;
            }
        }
        return best;
    }

    /**
     * If a worker is idle, takes back from the worker that holds most jobs the older half of those it has not begun
     * (its oldest it is most likely running already), and puts them first in line, in their order: they were sent
     * before anything still pending.
     *
     * @return whether any job was taken back
     */
    private boolean steal() {
        boolean idle = false;
        PoolSlot victim = null;
        for (PoolSlot s : state.slots) {
            idle |= s.canTake() && s.jobIds.isEmpty();
            if (s.jobIds.size() > 1 && (victim == null || s.jobIds.size() > victim.jobIds.size())) {
                victim = s;
            }
        }
        if (!idle || victim == null) {
            return false;
        }
        int wanted = victim.jobIds.size() / 2;
        List<PoolJob> taken = new ArrayList<>(wanted);
        Iterator<Long> ids = victim.jobIds.iterator();
        ids.next();
        while (ids.hasNext() && taken.size() < wanted) {
            PoolJob job = running.get(ids.next());
            if (state.claims.revoke(victim.index, job.cell, job.id)) {
                ids.remove();
                running.remove(job.id);
                victim.freeCell(job.cell);
                victim.tasksLeft++;
                job.slot = null;
                taken.add(job);
            }
        }
        for (int i = taken.size() - 1; i >= 0; i--) {
            pending.addFirst(taken.get(i));
        }
        return !taken.isEmpty();
    }

    /** @return the job with this id, which its worker ended, or null if the pool no longer waits for it */
    PoolJob ended(long id) {
        PoolJob job = running.remove(id);
        if (job != null) {
            job.slot.jobIds.remove(id);
            job.slot.freeCell(job.cell);
        }
        return job;
    }

    /**
     * Takes back the jobs of a worker that is gone. Those it had not begun go back to the front of the queue, in
     * their order.
     *
     * @return those it had begun, which are lost: one, unless its outcome is lost too
     */
    List<PoolJob> reclaim(PoolSlot slot) {
        List<PoolJob> lost = new ArrayList<>(1);
        List<PoolJob> unstarted = new ArrayList<>();
        for (Long id : slot.jobIds) {
            PoolJob job = running.remove(id);
            if (job == null) {
                continue;
            }
            if (state.claims.begun(slot.index, job.cell, job.id)) {
                lost.add(job);
            } else {
                job.slot = null;
                unstarted.add(job);
            }
        }
        for (int i = unstarted.size() - 1; i >= 0; i--) {
            pending.addFirst(unstarted.get(i));
        }
        slot.jobIds.clear();
        slot.freeAllCells();
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
