/**
 * Shared memory and the lock family across processes, with no transport: every object is a small
 * memory-mapped file in {@code /dev/shm} ({@code java.io.tmpdir} where there is none, or
 * {@code -Dmp4j.shm.dir}), changed with {@link java.lang.invoke.VarHandle} atomics on the mapping.
 *
 * <p>{@link dev.mp4j.shm.SharedObjects} is the only public type; the runtime's {@code Context} delegates its
 * factories to it. The rest, by concern:
 * <ul>
 *   <li><b>Layouts</b>: {@code Header} (magic, version, kind) and one descriptor per structure
 *       ({@code LockLayout}, {@code SemaphoreLayout}, {@code EventLayout}, {@code ConditionLayout},
 *       {@code BarrierLayout}, {@code ValueLayout}, {@code BellLayout}). No offset is written anywhere
 *       else.</li>
 *   <li><b>Memory</b>: {@code Segment} maps one file and names each access mode it uses (plain, acquire,
 *       release, volatile, CAS, get-and-add); {@code Segments} keeps one mapping per name per JVM.</li>
 *   <li><b>Waiting</b>: {@code WaitStrategy} (spin, yield, poll, sleep; the CPU and latency of each),
 *       {@code Wait} (one wait), {@code ParkedWaiters} and {@code Bell} (how a signaller wakes a sleeping
 *       waiter in another process).</li>
 *   <li><b>Robustness</b>: {@code Liveness} tells a dead (or zombie) process from a live one; locks,
 *       semaphores, conditions and barriers record holders by pid so that a waiter recovers what a dead
 *       process held.</li>
 *   <li><b>Clean-up</b>: {@code Tree} registers every block a process tree makes and unlinks them when the
 *       tree's root ends, or at the next start after the root was killed.</li>
 * </ul>
 */
package dev.mp4j.shm;
