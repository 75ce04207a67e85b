package dev.mp4j.core.process;

import dev.mp4j.MpException;
import dev.mp4j.Process;
import dev.mp4j.ProcessInfo;
import dev.mp4j.Task;
import dev.mp4j.core.codec.Codec;
import dev.mp4j.core.codec.Departures;
import dev.mp4j.shm.Durations;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A child JVM running one task: a warm {@linkplain Spares spare} when there is one and the child has no JVM flags of
 * its own, or else a new JVM. The command line holds only the {@code java} binary, JVM flags, the class path and
 * {@link ChildMain}; the task and the authkey go over the child's standard input, which stays open: its end of
 * stream tells the child that this process is gone.
 */
public final class ChildProcess implements Process {
    private static final System.Logger LOG = System.getLogger(Process.class.getName());
    /** How long join waits, after the child ended, for the last of its output to be forwarded. */
    private static final long OUTPUT_DRAIN_MILLIS = 2_000;

    private final ProcessTree tree;
    private final Launch launch;
    private final Task task;
    private final String identity;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<Runnable> releases = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Process> exited = new CompletableFuture<>();
    private final AtomicBoolean endLogged = new AtomicBoolean();
    private String name;
    private boolean daemon;
    private volatile java.lang.Process os;
    private OutputStream control;
    private Forwarder out;
    private Forwarder err;

    public ChildProcess(ProcessTree tree, Launch launch, Task task) {
        this.tree = tree;
        this.launch = launch;
        this.task = task;
        this.identity = tree.nextChildIdentity();
        this.name = "Process-" + identity;
    }

    private void checkNotStarted() {
        if (os != null) {
            throw new IllegalStateException(name + " has already been started");
        }
    }

    @Override
    public synchronized Process name(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a process name must not be blank");
        }
        checkNotStarted();
        this.name = name;
        return this;
    }

    @Override
    public synchronized Process daemon(boolean daemon) {
        checkNotStarted();
        this.daemon = daemon;
        return this;
    }

    @Override
    public synchronized Process jvmArgs(String... args) {
        Objects.requireNonNull(args, "args");
        checkNotStarted();
        for (String a : args) {
            jvmArgs.add(Objects.requireNonNull(a, "a JVM argument is null"));
        }
        return this;
    }

    @Override
    public synchronized Process start() {
        checkNotStarted();
        byte[] taskBytes;
        try {
            taskBytes = Departures.capturing(releases, () -> Codec.encode(task));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot start " + name + ": the task cannot be serialized: " + e.getMessage(), e.getCause());
        }
        launch.beforeStart().run();
        Assignment job = new Assignment(name, identity, daemon, taskBytes, tree.keys());
        String classPath = ChildCommand.classPath();
        if (jvmArgs.isEmpty()) {
            for (Spare spare; (spare = launch.spares().take(classPath)) != null; ) {
                if (spare.assign(job)) {
                    releases.addAll(spare.takeReleases());
                    spare.out().setName(name + "-stdout");
                    spare.err().setName(name + "-stderr");
                    started(spare.os(), spare.control(), spare.out(), spare.err(), "in a warm spare");
                    return this;
                }
                spare.os().toHandle().destroyForcibly(); // it could not take its task: whatever it is, it is no spare
            }
        }
        ProcessInfo me = ThreadProcess.current().map(ThreadProcess::info).orElseGet(tree::current); // a thread-backed process is its parent
        Bootstrap boot = new Bootstrap(tree.authkey(), launch.transport(), me.name(), me.pid(), me.daemon(),
                inheritedProperties(), new byte[0]);
        ProcessBuilder pb;
        try {
            pb = new ProcessBuilder(launch.spares().coldCommand(jvmArgs, classPath));
        } catch (MpException e) {
            releaseCopies();
            throw e;
        }
        java.lang.Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            releaseCopies();
            throw new MpException("cannot start " + name + " (" + pb.command().get(0) + "): " + e.getMessage(), e);
        }
        Forwarder o = new Forwarder(name + "-stdout", p.getInputStream(), () -> System.out);
        Forwarder e = new Forwarder(name + "-stderr", p.getErrorStream(), () -> System.err);
        o.start();
        e.start();
        started(p, p.getOutputStream(), o, e, "as a new JVM");
        try {
            boot.writeTo(control);
            job.writeTo(control);
        } catch (IOException ignored) {
            // the child died before reading its task; its exit code and stderr say why
        }
        return this;
    }

    /**
     * The parent's {@code mp4j.*} properties the child takes on at boot, which would override its command line: not
     * those its own JVM flags set, which are the child's choice.
     */
    private Map<String, String> inheritedProperties() {
        Map<String, String> props = new HashMap<>(ChildCommand.mp4jProperties());
        for (String a : jvmArgs) {
            if (a.startsWith("-D")) {
                props.remove(a.substring(2).split("=", 2)[0]);
            }
        }
        return props;
    }

    private void started(java.lang.Process p, OutputStream control, Forwarder out, Forwarder err, String how) {
        LOG.log(Level.DEBUG, () -> "started " + name + " (pid " + p.pid() + ") " + how);
        this.control = control;
        this.out = out;
        this.err = err;
        this.os = p;
        tree.started(this);
        p.onExit().thenRun(this::ended);
    }

    private void ended() {
        logEnded();
        try {
            releaseCopies();
            tree.ended(this);
        } finally {
            exited.complete(this);
        }
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return exited;
    }

    private void releaseCopies() {
        Departures.releaseAll(releases);
    }

    private java.lang.Process started() {
        java.lang.Process p = os;
        if (p == null) {
            throw new IllegalStateException(name + " has not been started");
        }
        return p;
    }

    @Override
    public void join() throws InterruptedException {
        started().waitFor();
        drainOutput();
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        if (!started().waitFor(Math.max(0, Durations.toNanos(timeout)), TimeUnit.NANOSECONDS)) {
            return false;
        }
        drainOutput();
        return true;
    }

    /**
     * Once, by whichever sees the end first: the exit watcher, or a join that returns before it ran. Synchronized: a
     * join must not return, and its program exit, while the watcher is still writing the line.
     */
    private synchronized void logEnded() {
        if (endLogged.compareAndSet(false, true)) {
            LOG.log(Level.DEBUG, () -> name + " (pid " + os.pid() + ") ended, exit code " + exitCode().orElse(-1));
        }
    }

    /** The child has ended; let the forwarders print what it wrote last, so join means "its output is out". */
    private void drainOutput() throws InterruptedException {
        logEnded();
        out.join(OUTPUT_DRAIN_MILLIS);
        err.join(OUTPUT_DRAIN_MILLIS);
    }

    @Override
    public boolean isAlive() {
        java.lang.Process p = os;
        return p != null && p.isAlive();
    }

    // Through the ProcessHandle: java.lang.Process.destroy() also closes the child's stdin, which the child
    // reads as its parent's death and races the signal with exit code 1, and closes its output, which loses
    // what the child prints while it shuts down.
    @Override
    public void terminate() {
        java.lang.Process p = os;
        if (p != null) {
            p.toHandle().destroy();
        }
    }

    @Override
    public void kill() {
        java.lang.Process p = os;
        if (p != null) {
            p.toHandle().destroyForcibly();
        }
    }

    @Override
    public OptionalInt exitCode() {
        java.lang.Process p = os;
        if (p == null || p.isAlive()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(exitCode(p.exitValue()));
    }

    /** The JVM reports death by signal N as 128 + N; Python reports it as -N. */
    static int exitCode(int status) {
        return status > 128 && status <= 128 + 64 ? -(status - 128) : status;
    }

    @Override
    public long pid() {
        return started().pid();
    }

    @Override
    public synchronized String name() {
        return name;
    }

    @Override
    public synchronized boolean isDaemon() {
        return daemon;
    }

    @Override
    public void close() {
        java.lang.Process p = os;
        if (p == null) {
            return;
        }
        if (p.isAlive()) {
            throw new IllegalStateException(name + " is still running: join, terminate or kill it before close()");
        }
        try {
            control.close();
        } catch (IOException ignored) {
            // the child is gone; the pipe is already broken
        }
    }

    @Override
    public String toString() {
        java.lang.Process p = os;
        String state = p == null ? "initial" : p.isAlive() ? "started" : "stopped exitcode=" + exitCode().getAsInt();
        return "Process[" + name() + ", " + state + (isDaemon() ? ", daemon" : "") + "]";
    }
}
