package dev.mp4j;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * A child JVM running one {@link Task}: Python's {@code multiprocessing.Process}.
 *
 * <p>Created by {@link Context#process(Task)}, configured with {@link #name(String)}, {@link #daemon(boolean)}
 * and {@link #jvmArgs(String...)}, then started once with {@link #start()}. The child runs the parent's
 * {@code java} with the parent's class path, the flags its transport needs and the given JVM arguments; the
 * task and the process tree's authkey travel over a private pipe, never in the command line or environment.
 *
 * <p><b>Fast start.</b> A process with no {@link #jvmArgs(String...)} of its own is usually not a new JVM: its
 * task goes to a warm spare, a child JVM its context started earlier, that has booted, connected to this process and
 * waits; {@code start()} then returns in a few milliseconds and the task runs about ten milliseconds later. The spare
 * becomes exactly this process (its name, pid, parent and daemon flag), and a replacement boots in the background.
 * A spare never shows in {@link Multiprocessing#activeChildren()} before it takes a task, and one that died while
 * it waited is never given one. {@code -Dmp4j.spares=N} sets how many spares a context keeps (by default one,
 * growing with demand up to the number of CPUs); {@code 0} turns them off. A cold child maps the classes it boots
 * with from a class-data archive that mp4j trains once per JDK, class path and flags, in
 * {@code ~/.cache/mp4j/cds} ({@code -Dmp4j.cds.dir} moves it, {@code -Dmp4j.cds=false} turns it off). Neither ever
 * changes what the child does, only when it is ready.
 *
 * <p>The child's standard output and error are forwarded line by line to this process's {@code System.out}
 * and {@code System.err}. If this process ends normally, its non-daemon children are joined and its daemon
 * children terminated first. If this process dies in any way, even by {@code SIGKILL}, its children exit by
 * themselves within a second.
 *
 * <p>Memory consistency effects: actions in this process prior to {@link #start()} happen-before the task's
 * {@link Task#run()} in the child, as far as they reach it: the task is a copy, serialized in
 * {@code start()}, so changes made afterwards to what it captured do not reach the child, while the mp4j
 * objects it captures are the same objects there. Actions in the child happen-before {@link #join()} returns,
 * {@link #join(Duration)} returns true, {@link #isAlive()} returns false or {@link #exitCode()} becomes
 * present, in this process; across processes that reaches shared memory.
 *
 * <p>Instances are safe for use by several threads. A {@code Process} is not {@link java.io.Serializable}.
 */
public interface Process {
    /**
     * Sets the name; by default {@code "Process-N"}.
     *
     * @return this process
     * @throws IllegalStateException    if already started
     * @throws IllegalArgumentException if the name is null or blank
     */
    Process name(String name);

    /**
     * Marks the process as a daemon: it is terminated, not joined, when this process exits.
     *
     * @return this process
     * @throws IllegalStateException if already started
     */
    Process daemon(boolean daemon);

    /**
     * Adds flags for the child JVM, such as {@code -Xmx64m} or {@code -Dkey=value}. A child takes on its parent's
     * {@code mp4j.*} system properties, except those its own {@code -D} flags set.
     *
     * @return this process
     * @throws IllegalStateException if already started
     */
    Process jvmArgs(String... args);

    /**
     * Starts the child JVM and hands it the task. First flushes this process's pending queue puts, so that
     * what was put before is ahead of anything the child puts.
     *
     * @return this process
     * @throws IllegalStateException    if already started
     * @throws IllegalArgumentException if the task cannot be serialized (nothing is started; the message
     *                                  names what could not be serialized)
     * @throws MpException              if the child JVM cannot be started
     */
    Process start();

    /**
     * Waits for the process to end.
     *
     * @throws IllegalStateException if not started
     * @throws InterruptedException  if interrupted while waiting
     */
    void join() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the process to end.
     *
     * @return true if it ended
     * @throws IllegalStateException if not started
     * @throws InterruptedException  if interrupted while waiting
     */
    boolean join(Duration timeout) throws InterruptedException;

    /**
     * A future that completes with this process once it has ended, as {@link java.lang.Process#onExit()} does: its
     * {@link #exitCode()} is known by then, and whatever it held (pipe-end copies in flight, its place in the tree)
     * was let go of. Never completes for a process that is never started. Dependent actions run on a thread of the
     * runtime, or on the calling thread if the process had ended already: keep them short, or use the
     * {@code ...Async} forms.
     *
     * <p>Memory consistency effects: the ending of the process happens-before the future completes; together with
     * {@link #join()} this lets a parent react to a child's end without a thread of its own waiting for it.
     *
     * @return the same future at every call
     */
    CompletableFuture<Process> onExit();

    /** @return true from {@link #start()} until the process ends */
    boolean isAlive();

    /**
     * Asks the process to end ({@code SIGTERM}); its shutdown hooks run, and its {@link #exitCode()} is then -15.
     * No effect once it has ended. A child whose JVM is still initializing (the first tenth of a second or so of a
     * cold start) may instead end with exit code 1 and the JVM's own "Error occurred during initialization of VM":
     * a JVM cannot take a signal before it has set up its handlers.
     */
    void terminate();

    /** Kills the process ({@code SIGKILL}). No effect once it has ended. */
    void kill();

    /**
     * The exit code: empty while the process runs (or before start), 0 for success, 1 when the task threw,
     * n for {@code System.exit(n)}, and -N when killed by signal N ({@link #terminate()} gives -15,
     * {@link #kill()} -9). As with any JVM, {@code System.exit(128 + N)} for a signal number N reads as -N.
     */
    OptionalInt exitCode();

    /**
     * @return the operating-system process id
     * @throws IllegalStateException if not started
     */
    long pid();

    /** @return the name */
    String name();

    /** @return whether this is a daemon process */
    boolean isDaemon();

    /**
     * Releases what this object holds (the child's pipes and forwarding threads). Idempotent.
     *
     * @throws IllegalStateException if the process is still running
     */
    void close();
}
