/**
 * Shared memory across processes, with no transport: the lock family, events, conditions, barriers, shared
 * values and arrays, raw {@code SharedMemory} blocks, and the building blocks they are made of, public for
 * transport authors. Every object is a small memory-mapped file in {@code /dev/shm} ({@code java.io.tmpdir} where
 * there is none, or {@code -Dmp4j.shm.dir}), changed with {@link java.lang.invoke.VarHandle} atomics on the
 * mapping.
 *
 * <h2>Building blocks for transport authors</h2>
 * A transport that keeps its state in shared memory (rings in {@code /dev/shm}, a journal) or files named after
 * processes reuses these rather than writing its own:
 * <ul>
 *   <li>{@link dev.mp4j.shm.MappedSegment}: a named, mapped file with atomic accessors named as Agrona's
 *       {@code AtomicBuffer} names them (plain, acquire/release, volatile, compare-and-set, get-and-add,
 *       get-and-set), created owner-only and unlinked when the process tree ends.</li>
 *   <li>{@link dev.mp4j.shm.ProcessLiveness}: whether a process is dead (a zombie counts as dead) or gone (dead,
 *       or its pid recycled).</li>
 *   <li>{@link dev.mp4j.shm.StaleFiles}: the sweep of files left by processes that are gone.</li>
 *   <li>{@link dev.mp4j.shm.IdleStrategy} and {@link dev.mp4j.shm.BackoffIdleStrategy}: bounded busy-waiting,
 *       spin then yield then park, with the one spin setting of mp4j ({@code mp4j.spins}, {@code mp4j.yields}).</li>
 *   <li>{@link dev.mp4j.shm.Durations}: {@link java.time.Duration} to nanoseconds without overflow.</li>
 *   <li>{@link dev.mp4j.shm.Wait} and {@link dev.mp4j.shm.ParkedWaiters}: a wait for a word another process
 *       changes that spins, yields, polls, then sleeps at no CPU cost until the changing process rings this
 *       process's bell; the table of sleeping waiters lives in the waited-on segment. {@link dev.mp4j.shm.LazyWait}
 *       makes one only once a call must wait.</li>
 *   <li>{@link dev.mp4j.shm.RobustLock}: a lock word a waiter takes over from a dead holder.</li>
 *   <li>{@link dev.mp4j.shm.HolderTable} and {@link dev.mp4j.shm.PeerEnd}: who holds a queue or a pipe, per process
 *       and per end, and so when the last holder frees it and when a pipe's reader reaches its end.</li>
 *   <li>{@link dev.mp4j.shm.ReaderThreadLink}: a {@code FrameLink} with one reader thread, whose sender writes into
 *       memory the receiver reads; a transport writes how to append and read a message, and it does the rest.</li>
 * </ul>
 *
 * <h2>The objects</h2>
 * {@link dev.mp4j.shm.SharedObjects} makes them; the runtime's {@code Context} delegates its factories to it.
 * Each travels to another process as a {@link dev.mp4j.runtime.Token} of kind {@code mp4j.shm.<kind>} naming its
 * block, and {@link dev.mp4j.shm.ShmTokenResolver} maps the same block on arrival. The rest is package-private, by
 * concern:
 * <ul>
 *   <li><b>Layouts</b>: {@code Header} (magic, version, kind) and one descriptor per structure
 *       ({@code LockLayout}, {@code SemaphoreLayout}, {@code EventLayout}, {@code ConditionLayout},
 *       {@code BarrierLayout}, {@code ValueLayout}, {@code BellLayout}). No offset is written anywhere else.</li>
 *   <li><b>Objects</b>: {@code ShmLock}, {@code ShmRLock} (over {@code BaseLock} and {@code LockCore}, the robust
 *       lock's state machine), {@code ShmSemaphore}, {@code ShmEvent}, {@code ShmCondition}, {@code ShmBarrier},
 *       the values and arrays over {@code ShmValue}, and {@code ShmBlock}; {@code Segments} keeps one mapping per
 *       block per JVM.</li>
 *   <li><b>Waiting</b>: {@code Wait} (public, above: its stages and the CPU and latency of each),
 *       {@code ParkedWaiters} (public) and {@code Bell} (how a signaller
 *       wakes a sleeping waiter in another process).</li>
 *   <li><b>Robustness</b>: locks, semaphores, conditions and barriers record holders by pid, so that a waiter
 *       recovers, through {@code ProcessLiveness}, what a dead process held.</li>
 *   <li><b>Clean-up</b>: {@code Tree} registers every block a process tree makes and unlinks them when the tree's
 *       root ends, or, through {@code StaleFiles}, at the next start after the root was killed.</li>
 * </ul>
 */
package dev.mp4j.shm;
