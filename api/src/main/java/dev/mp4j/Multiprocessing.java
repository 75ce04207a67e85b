package dev.mp4j;

import dev.mp4j.runtime.Transports;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The entry point, like Python's {@code multiprocessing} module.
 *
 * <pre>{@code
 * Context mp = Multiprocessing.context();
 * Queue<String> q = mp.queue();
 * Process p = mp.process(() -> q.put("hello from " + Multiprocessing.currentProcess().name())).start();
 * System.out.println(q.take());
 * p.join();
 * }</pre>
 *
 * <p><b>Choosing the transport.</b> Transports are plug-ins found with {@link java.util.ServiceLoader}. The
 * default is the one named by the system property {@code mp4j.transport}, else by the environment variable
 * {@code MP4J_TRANSPORT}, else the available one with the highest priority. A child process uses its
 * parent's transport (the one whose context started it) unless it names another. No transport on the class path, or an unknown or unusable name, throws
 * {@link NoTransportException}, which lists what was found and names the artifact to add.
 *
 * <p><b>Threads instead of processes.</b> {@code context("threads")} ({@link #THREADS}) is Python's
 * {@code multiprocessing.dummy}: the same API, with every process a thread of this JVM, for fast unit tests of code
 * written for processes. Its contract, and what differs from processes, is on {@link #THREADS}.
 */
public final class Multiprocessing {
    private Multiprocessing() {}

    /**
     * The name of the thread-backed context, Python's {@code multiprocessing.dummy}: {@code context("threads")}, or
     * {@code -Dmp4j.transport=threads} to make it the default. It runs the same API in this JVM, so that code written
     * for processes is tested in milliseconds, with no JVM to start:
     * <ul>
     * <li>A {@link Process} is a thread of this JVM. Its task is still a copy, serialized at {@link Process#start()}
     *     (an unserializable task fails there, as with processes, and what it captured is not shared with the
     *     caller); {@link #currentProcess()} in it names that process, with this JVM's pid; {@link Context} objects
     *     it makes belong to this context; an uncaught exception is printed, and the exit code is 1.
     *     {@link Process#jvmArgs} are ignored, since no JVM starts.</li>
     * <li>{@link Process#terminate()} and {@link Process#kill()} interrupt the thread: a task that ignores
     *     interrupts runs on, and the exit code becomes -15 or -9 only once it has ended. {@code System.exit} in a
     *     task ends this whole JVM. When a process ends, what it put reaches its queues, and the pipe ends and
     *     connections it made or received are closed, as a child's exit closes its own. But a lock it holds, a
     *     semaphore's permit it took (of this context or of a {@link Manager}) stays taken, and its children run on:
     *     the end of a thread is not the death of a process, which would give them back and end them.</li>
     * <li>Queues, pipes, locks, shared values, shared memory, pools, managers and listeners are the real ones,
     *     from the default transport (the available one with the highest priority, or the one
     *     {@code mp4j.transport} names if that is not {@code "threads"}): items are copied through serialization
     *     as between processes, so a test on threads catches what processes would refuse. A pool's workers are
     *     threads; a manager's server is a thread.</li>
     * </ul>
     * Daemon processes are daemon threads; a non-daemon one keeps the JVM running, as a non-daemon child does.
     */
    public static final String THREADS = "threads";

    /**
     * The shared context of the default transport.
     *
     * @throws NoTransportException if there is no usable transport
     */
    public static Context context() {
        return sharedContext(Transports.defaultName());
    }

    /**
     * The shared context of the named transport, such as {@code "netty"}, or the thread-backed context for
     * {@link #THREADS}.
     *
     * @throws NoTransportException if no available transport has that name
     */
    public static Context context(String transport) {
        if (transport == null || transport.isBlank()) {
            throw new IllegalArgumentException("transport name must not be blank; known: " + transports());
        }
        return sharedContext(transport.trim());
    }

    /** @return the names of the transports on the class path that can run here */
    public static Set<String> transports() {
        return Transports.available();
    }

    /** @return the number of processors available to this JVM (Python's {@code cpu_count()}) */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** @return this process: {@code "MainProcess"} at the root of a process tree */
    public static ProcessInfo currentProcess() {
        return Transports.runtime().currentProcess();
    }

    /** @return the process that started this one; empty at the root */
    public static Optional<ProcessInfo> parentProcess() {
        return Transports.runtime().parentProcess();
    }

    /**
     * The children this process started that are still running, over every transport. Like Python's
     * {@code active_children()}, this reaps those that have ended.
     */
    public static List<Process> activeChildren() {
        return Transports.runtime().activeChildren();
    }

    /**
     * The system property through which {@link #logToStderr} reaches the children: they inherit {@code mp4j.*}
     * properties, and a child that starts with this one logs to its standard error as its parent does.
     */
    public static final String LOG_TO_STDERR_PROPERTY = "mp4j.logToStderr";

    /**
     * Sends mp4j's log records of {@code level} and above to standard error, in this process and in every child it
     * starts from now on, as Python's {@code log_to_stderr(level)}: each record a line
     * {@code [LEVEL/process name] message}, as {@code [DEBUG/Process-1] started Process-2 (pid 4242) as a new JVM}.
     * At {@code DEBUG} the lifecycle shows: the transport chosen, every start (in a warm spare or a new JVM) and
     * exit, and pool workers replaced; {@code WARNING} and {@code ERROR} are what went wrong and was survived. A
     * child's standard error is forwarded to its parent's, so the whole tree's lines end up in one place.
     *
     * <p>mp4j logs through {@link System.Logger}, to loggers named under {@code dev.mp4j}. This sets up the JDK's
     * own backend, {@code java.util.logging}, where {@code System.Logger} goes unless the application installed
     * another (SLF4J's or Log4j's {@code System.LoggerFinder}); with another, configure logger {@code dev.mp4j}
     * there instead. Calling it again changes the level. As in Python, whose {@code multiprocessing} logger does not
     * propagate, records under {@code dev.mp4j} then go to this handler only and no longer to the root logger's
     * handlers, so that none is written twice; an application that wants them there as well adds its handler to
     * logger {@code dev.mp4j}.
     *
     * @param level the lowest level to write; {@code OFF} writes nothing
     */
    public static void logToStderr(System.Logger.Level level) {
        java.util.Objects.requireNonNull(level, "level");
        StderrLog.install(level);
        System.setProperty(LOG_TO_STDERR_PROPERTY, level.name());
    }

    private static Context sharedContext(String transport) {
        if (THREADS.equals(transport)) {
            return Transports.runtime().threadsContext();
        }
        return Transports.runtime().sharedContext(Transports.provider(transport));
    }
}
