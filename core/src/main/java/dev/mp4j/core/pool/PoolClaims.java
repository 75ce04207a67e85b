package dev.mp4j.core.pool;

import dev.mp4j.SharedMemory;

import java.io.Serial;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Who runs a job that was sent ahead to a worker: one shared-memory cell per job in flight, which the worker and the
 * pool race for with a compare-and-set. The worker claims a job just before it runs it; the pool revokes a job the
 * worker has not claimed yet, to send it to a worker that is idle. Whichever wins decides: a job runs once, or is sent
 * elsewhere once, never both, and no message goes back and forth for it. That is what lets the pool send small tasks
 * ahead (they stream) and still never leave a job waiting behind a long one while another worker is idle.
 *
 * <p>Layout: a block of {@link SharedMemory}, {@value #CELLS_PER_WORKER} cells of 8 bytes per worker slot, slot by
 * slot. A cell holds {@code id << 2 | state}: {@link #SENT} from the pool's write until the worker claims it
 * ({@link #RUNNING}) or the pool revokes it ({@link #REVOKED}). A cell is reused for another job once its job ended
 * or was revoked; a worker that reads a revoked job's frame later fails its claim, since the cell no longer holds
 * that job as sent.
 *
 * <p>Lifetime: the pool makes the block and unlinks it when it ends ({@link #release}), after its workers; a worker
 * attaches it by name when it receives its task. Memory: the pool writes a cell (a volatile store) before it sends
 * the job, and the job's frame reaches the worker after that write; the claim and the revocation are
 * compare-and-sets on the shared cell. Every pool method runs under the pool's lock. The cells are shared memory: a
 * pool whose workers ran on other hosts would keep them in its transport.
 */
final class PoolClaims implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;
    /** At most this many jobs are sent ahead to one worker. */
    static final int CELLS_PER_WORKER = 8;
    private static final long SENT = 1;
    private static final long RUNNING = 2;
    private static final long REVOKED = 3;
    private static final VarHandle CELL = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final SharedMemory block;
    private transient volatile ByteBuffer cells;

    PoolClaims(SharedMemory block) {
        this.block = block;
    }

    /** @return the bytes of the block for a pool of {@code workers} */
    static long bytes(int workers) {
        return (long) workers * CELLS_PER_WORKER * Long.BYTES;
    }

    /** The pool, before it sends job {@code id} to the worker of {@code slot}: that job now waits in the cell. */
    void sent(int slot, int cell, long id) {
        CELL.setVolatile(cells(), at(slot, cell), id << 2 | SENT);
    }

    /** The worker, just before it runs job {@code id}: @return whether it is still this worker's to run */
    boolean claim(int slot, int cell, long id) {
        return CELL.compareAndSet(cells(), at(slot, cell), id << 2 | SENT, id << 2 | RUNNING);
    }

    /** The pool: @return whether job {@code id} was taken back before the worker began it */
    boolean revoke(int slot, int cell, long id) {
        return CELL.compareAndSet(cells(), at(slot, cell), id << 2 | SENT, id << 2 | REVOKED);
    }

    /** The pool, of a worker that died: @return whether it had begun job {@code id} */
    boolean begun(int slot, int cell, long id) {
        return (long) CELL.getVolatile(cells(), at(slot, cell)) == (id << 2 | RUNNING);
    }

    /** The pool, once it and its workers are done: lets go of the block and removes it. */
    void release() {
        block.close();
        try {
            block.unlink();
        } catch (IllegalStateException alreadyGone) {
            // the tree's clean-up came first
        }
    }

    private ByteBuffer cells() {
        ByteBuffer b = cells;
        if (b == null) {
            b = block.buffer();
            cells = b;
        }
        return b;
    }

    private static int at(int slot, int cell) {
        return (slot * CELLS_PER_WORKER + cell) * Long.BYTES;
    }
}
