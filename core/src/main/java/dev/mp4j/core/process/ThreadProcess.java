package dev.mp4j.core.process;

import dev.mp4j.Connection;
import dev.mp4j.MpException;
import dev.mp4j.Process;
import dev.mp4j.ProcessInfo;
import dev.mp4j.Task;
import dev.mp4j.core.codec.Codec;
import dev.mp4j.core.codec.Departures;
import dev.mp4j.shm.Durations;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A process of the thread-backed context ({@link dev.mp4j.Multiprocessing#THREADS}): its task runs in a thread of this
 * JVM. The task is still a copy, encoded in {@link #start()} and decoded in the thread, so that a test on threads meets
 * what processes would: an unserializable task fails {@code start()}, and the task shares nothing with its caller but
 * mp4j objects. {@link #current()} tells the runtime which process a thread runs, for
 * {@link dev.mp4j.Multiprocessing#currentProcess()} and its kin; threads the task starts itself are not in it, as
 * pooled threads would otherwise carry a process's identity long after it ended.
 */
public final class ThreadProcess implements Process {
    private static final System.Logger LOG = System.getLogger(Process.class.getName());
    private static final ThreadLocal<ThreadProcess> CURRENT = new ThreadLocal<>();
    /** Python's exit codes of a process ended by SIGTERM and by SIGKILL. */
    private static final int TERMINATED = -15;
    private static final int KILLED = -9;

    private final ProcessTree tree;
    private final ThreadProcess parent;
    private final Task task;
    private final Runnable flush;
    private final String identity;
    private final AtomicInteger childCounter = new AtomicInteger();
    private final Set<Process> children = ConcurrentHashMap.newKeySet();
    private final List<Runnable> releases = Collections.synchronizedList(new ArrayList<>());
    /** The connections this process holds, closed when it ends, as a child's exit closes its own; guarded by itself. */
    private final List<Connection> held = new ArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CompletableFuture<Process> exited = new CompletableFuture<>();
    private String name;
    private boolean daemon;
    private Thread thread;
    /** The exit code the end of the task gives, once {@link #terminate()} or {@link #kill()} asked for it. */
    private volatile int stopCode;
    private volatile int exitCode;

    /**
     * @param flush run in {@link #start()} before the task is handed over, and when it has ended: what this JVM put
     *              reaches its queues, as before a child starts and when it exits
     */
    public ThreadProcess(ProcessTree tree, Task task, Runnable flush) {
        this.tree = tree;
        this.task = task;
        this.flush = flush;
        this.parent = CURRENT.get();
        this.identity = parent == null ? tree.nextChildIdentity() : parent.identity + ":" + parent.childCounter.incrementAndGet();
        this.name = "Process-" + identity;
    }

    /** @return the thread-backed process the calling thread runs the task of, if it does */
    public static Optional<ThreadProcess> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Closes {@code c} when the thread-backed process running on this thread ends, if one does: a reader of the other
     * end then sees the end of the stream once this process is gone, as it would once a child had exited. Once per
     * connection made or received; the closed ones are forgotten from time to time, so a long task that opens and
     * closes many keeps few.
     */
    public static void closeAtEnd(Connection c) {
        ThreadProcess p = CURRENT.get();
        if (p != null) {
            synchronized (p.held) {
                if (p.held.size() >= 64 && (p.held.size() & (p.held.size() - 1)) == 0) {
                    p.held.removeIf(Connection::isClosed);
                }
                p.held.add(c);
            }
        }
    }

    /** @return what {@link dev.mp4j.Multiprocessing#currentProcess()} says in this process's thread */
    public ProcessInfo info() {
        return new ProcessInfo(name(), ProcessHandle.current().pid(), isDaemon());
    }

    /** @return the process that started this one: a thread-backed one, or this JVM's own */
    public ProcessInfo parentInfo() {
        return parent != null ? parent.info() : tree.current();
    }

    /** @return the processes this one started that are still running, reaping those that ended */
    public List<Process> activeChildren() {
        children.removeIf(p -> !p.isAlive());
        return List.copyOf(children);
    }

    private void checkNotStarted() {
        if (thread != null) {
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

    /** Checked and ignored: a thread starts no JVM to give them to. */
    @Override
    public synchronized Process jvmArgs(String... args) {
        Objects.requireNonNull(args, "args");
        checkNotStarted();
        for (String a : args) {
            Objects.requireNonNull(a, "a JVM argument is null");
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
        flush.run();
        Thread t = new Thread(() -> run(taskBytes), name);
        t.setDaemon(daemon);
        thread = t;
        if (parent != null) {
            parent.children.add(this);
        } else {
            tree.started(this);
        }
        try {
            t.start();
        } catch (OutOfMemoryError | RuntimeException e) {
            // as a child that could not start: not started, nothing of its task left behind
            thread = null;
            if (parent != null) {
                parent.children.remove(this);
            } else {
                tree.ended(this);
            }
            Departures.releaseAll(releases);
            throw new MpException("cannot start " + name + ": no thread could be made for it (" + e + ")", e);
        }
        LOG.log(Level.DEBUG, () -> "started " + name + " as a thread");
        return this;
    }

    private void run(byte[] taskBytes) {
        CURRENT.set(this);
        int code = 0;
        try {
            ((Task) Codec.decode(taskBytes)).run();
        } catch (Throwable t) {
            // after terminate() or kill(), what the task throws is the echo of the interrupt, as a signal's in a child
            if (stopCode == 0) {
                System.err.println("Process " + name + ":");
                t.printStackTrace();
            }
            code = 1;
        } finally {
            CURRENT.remove();
            end(stopCode != 0 ? stopCode : code);
        }
    }

    private void end(int code) {
        exitCode = code;
        List<Connection> c;
        synchronized (held) {
            c = List.copyOf(held);
            held.clear();
        }
        try {
            flush.run();
            c.forEach(Connection::close);
            Departures.releaseAll(releases);
            if (parent == null) {
                tree.ended(this);
            }
        } finally {
            ended.countDown();
            LOG.log(Level.DEBUG, () -> name + " ended, exit code " + code);
            exited.complete(this);
        }
    }

    private synchronized Thread started() {
        if (thread == null) {
            throw new IllegalStateException(name + " has not been started");
        }
        return thread;
    }

    @Override
    public void join() throws InterruptedException {
        started();
        ended.await();
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        started();
        return ended.await(Durations.toTimeoutNanos(timeout), TimeUnit.NANOSECONDS);
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return exited;
    }

    @Override
    public synchronized boolean isAlive() {
        return thread != null && ended.getCount() > 0;
    }

    @Override
    public void terminate() {
        stop(TERMINATED);
    }

    @Override
    public void kill() {
        stop(KILLED);
    }

    private synchronized void stop(int code) {
        if (thread != null && ended.getCount() > 0) {
            if (stopCode == 0) {
                stopCode = code;
            }
            thread.interrupt();
        }
    }

    @Override
    public OptionalInt exitCode() {
        return ended.getCount() == 0 ? OptionalInt.of(exitCode) : OptionalInt.empty();
    }

    /** @return this JVM's pid, which every thread-backed process shares */
    @Override
    public long pid() {
        started();
        return ProcessHandle.current().pid();
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
        if (isAlive()) {
            throw new IllegalStateException(name + " is still running: join, terminate or kill it before close()");
        }
    }

    @Override
    public String toString() {
        String state = !isAlive() && exitCode().isEmpty() ? "initial" : isAlive() ? "started" : "stopped exitcode=" + exitCode;
        return "Process[" + name() + ", " + state + ", thread" + (isDaemon() ? ", daemon" : "") + "]";
    }
}
