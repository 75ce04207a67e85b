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
 */
public final class Multiprocessing {
    private Multiprocessing() {}

    /**
     * The shared context of the default transport.
     *
     * @throws NoTransportException if there is no usable transport
     */
    public static Context context() {
        return sharedContext(Transports.defaultName());
    }

    /**
     * The shared context of the named transport, such as {@code "netty"}.
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
        return Transports.runtime().sharedContext(Transports.provider(transport));
    }
}
