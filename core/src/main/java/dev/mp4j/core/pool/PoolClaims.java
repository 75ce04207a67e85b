package dev.mp4j.core.pool;

import dev.mp4j.SharedLongArray;

import java.io.Serial;
import java.io.Serializable;

/**
 * Who runs a job that was sent ahead to a worker: one shared-memory cell per job in flight, which the worker and the
 * pool race for with a compare-and-set. The worker claims a job just before it runs it; the pool revokes a job the
 * worker has not claimed yet, to send it to a worker that is idle. Whichever wins decides: a job runs once, or is sent
 * elsewhere once, never both, and no message goes back and forth for it. That is what lets the pool send small tasks
 * ahead (they stream) and still never leave a job waiting behind a long one while another worker is idle.
 *
 * <p>Layout: {@value #CELLS_PER_WORKER} cells per worker slot, slot by slot. A cell holds {@code id << 2 | state}:
 * {@link #SENT} from the pool's write until the worker claims it ({@link #RUNNING}) or the pool revokes it
 * ({@link #REVOKED}). A cell is reused for another job once its job ended or was revoked; a worker that reads a
 * revoked job's frame later fails its claim, since the cell no longer holds that job as sent.
 *
 * <p>Memory: the pool writes a cell before it sends the job, and the job's frame reaches the worker after that write;
 * the claim and the revocation are full compare-and-sets on the shared cell. Every pool method runs under the pool's
 * lock. The cells are shared memory: a pool whose workers ran on other hosts would keep them in its transport.
 */
final class PoolClaims implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** At most this many jobs are sent ahead to one worker. */
    static final int CELLS_PER_WORKER = 8;
    private static final long SENT = 1;
    private static final long RUNNING = 2;
    private static final long REVOKED = 3;

    private final SharedLongArray cells;

    PoolClaims(SharedLongArray cells) {
        this.cells = cells;
    }

    static int length(int workers) {
        return workers * CELLS_PER_WORKER;
    }

    /** The pool, before it sends job {@code id} to the worker of {@code slot}: that job now waits in the cell. */
    void sent(int slot, int cell, long id) {
        cells.set(index(slot, cell), id << 2 | SENT);
    }

    /** The worker, just before it runs job {@code id}: @return whether it is still this worker's to run */
    boolean claim(int slot, int cell, long id) {
        return cells.compareAndSet(index(slot, cell), id << 2 | SENT, id << 2 | RUNNING);
    }

    /** The pool: @return whether job {@code id} was taken back before the worker began it */
    boolean revoke(int slot, int cell, long id) {
        return cells.compareAndSet(index(slot, cell), id << 2 | SENT, id << 2 | REVOKED);
    }

    /** The pool, of a worker that died: @return whether it had begun job {@code id} */
    boolean begun(int slot, int cell, long id) {
        return cells.get(index(slot, cell)) == (id << 2 | RUNNING);
    }

    /** Lets go of this process's handle on the cells. */
    void close() {
        cells.close();
    }

    private static int index(int slot, int cell) {
        return slot * CELLS_PER_WORKER + cell;
    }
}
