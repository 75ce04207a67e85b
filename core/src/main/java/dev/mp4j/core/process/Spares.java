package dev.mp4j.core.process;

import dev.mp4j.MpException;
import dev.mp4j.ProcessInfo;
import dev.mp4j.Task;
import dev.mp4j.core.codec.Codec;
import dev.mp4j.core.codec.Departures;
import dev.mp4j.shm.ProcessLiveness;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The spare JVMs of one context: children started before anyone asks, booted through the transport's connect and
 * one exchange, waiting for a task. The JVM cannot fork, so this is what Python's forkserver does in spirit: a
 * {@code start()} that takes a spare hands it its task over a pipe and is done in about a millisecond, where a cold
 * start pays for a new JVM, its class loading and its first connection.
 *
 * <p><b>How many.</b> With {@value #SPARES_PROPERTY} unset, one, growing toward the peak number of starts within
 * a second seen in the last minute (at most one per CPU), and back to one after a minute without starts. With it set
 * to N, N; 0 turns spares off. The count is read at every start, so a program may change it as it goes.
 *
 * <p><b>Lifetime.</b> A spare is a daemon child: never in {@code activeChildren()}, ended with this context, and
 * ended by the operating system with this process, however it dies, because its standard input, which it waits on,
 * then reaches end of stream. A spare that dies while it waits (killed, out of memory) is never handed a task: the
 * write of the task to its closed standard input fails, and {@code start()} takes another or starts cold. A spare
 * only takes tasks from a process whose {@code mp4j.*} properties are those it booted with, and only for a child with
 * no JVM flags of its own: the flags of a running JVM cannot change. Nor can its class path, which a child's start
 * takes from the starting thread's context class loader: a spare only takes a child that would have had its class
 * path, and a start from a thread whose loader sees other classes starts cold and leaves the spares waiting.
 *
 * <p><b>Cost.</b> An idle spare blocks in a read: no CPU. Its heap is collected after the warm-up, so it holds the
 * JVM's footprint and little more (see {@code benchmarks/RESULTS.md} for its resident size). Spares and replacements
 * start on one background thread, {@code mp4j-spares}, which also checks every few seconds whether the count should
 * shrink.
 *
 * <p>Thread-safe.
 */
public final class Spares implements AutoCloseable {
    /** The system property that sets how many spares a context keeps; 0 turns them off. */
    public static final String SPARES_PROPERTY = "mp4j.spares";
    private static final System.Logger LOG = System.getLogger(Spares.class.getName());
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long BURST_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long CHECK_SECONDS = 5;
    private static final long CLOSE_WAIT_MILLIS = 2_000;
    private static final int DEMAND_KEPT = 1_024;
    private static final long REFILL_DELAY_MILLIS = 150;

    private final ProcessTree tree;
    private final String transport;
    private final List<String> transportFlags;
    private final Runnable beforeStart;
    private final Supplier<Task> warmup;
    private final Supplier<Object> readyPids;
    /**
     * The class-data archives of this context's children, by class path, guarded by this; each made on first use: most
     * children never start a child. The class path follows the starting thread's context class loader, and an archive
     * made for another class path would be refused by the JVM, with a warning.
     */
    private final Map<String, ClassDataArchive> archives = new HashMap<>();
    // guarded by this
    private final List<Spare> waiting = new ArrayList<>();
    private final Set<Long> ready = new HashSet<>();
    private final ArrayDeque<Long> demand = new ArrayDeque<>();
    private ScheduledExecutorService starter;
    private Spare trainer;
    private boolean training;
    private boolean closed;

    /**
     * @param transport      the transport's name, the children's default
     * @param transportFlags the JVM flags the transport needs in every child
     * @param beforeStart    what must happen before any child starts (see {@link Launch})
     * @param warmup         makes the task a spare runs first: it connects to this process and reports its pid
     * @param readyPids      takes the next pid a warmed-up spare reported, or null if there is none yet
     */
    public Spares(ProcessTree tree, String transport, List<String> transportFlags, Runnable beforeStart,
            Supplier<Task> warmup, Supplier<Object> readyPids) {
        this.tree = tree;
        this.transport = transport;
        this.transportFlags = List.copyOf(transportFlags);
        this.beforeStart = beforeStart;
        this.warmup = warmup;
        this.readyPids = readyPids;
    }

    /** @return the class-data archive of this context's children on that class path; digesting it takes a few ms */
    private synchronized ClassDataArchive archive(String classPath) {
        return archives.computeIfAbsent(classPath, cp -> ClassDataArchive.forChildren(transportFlags, cp));
    }

    /** @return how many spares to keep now; under the lock */
    private int target() {
        Integer fixed = Integer.getInteger(SPARES_PROPERTY);
        if (fixed != null) {
            return Math.max(0, fixed);
        }
        return adaptiveTarget(demand, System.nanoTime(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * The size of the pool of spares when no {@code mp4j.spares} fixes it: the most starts seen within
     * {@link #BURST_NANOS} of each other in the last {@link #WINDOW_NANOS}, at least one and at most one per CPU.
     * Forgets the starts older than the window, so the pool shrinks back to one a minute after a burst.
     *
     * @param demand the times of recent starts ({@link System#nanoTime()}), oldest first
     */
    static int adaptiveTarget(ArrayDeque<Long> demand, long now, int cpus) {
        while (!demand.isEmpty() && now - demand.peekFirst() > WINDOW_NANOS) {
            demand.removeFirst();
        }
        Long[] starts = demand.toArray(new Long[0]);
        int peak = 1;
        for (int i = 0, j = 0; i < starts.length; i++) {
            while (starts[i] - starts[j] > BURST_NANOS) {
                j++;
            }
            peak = Math.max(peak, i - j + 1);
        }
        return Math.min(peak, cpus);
    }

    /** Starts the first spare now, before any demand: for the root's context, whose first start is the one users see. */
    public synchronized void prestart() {
        if (!closed && target() > 0) {
            schedule(this::refill);
        }
    }

    /**
     * Takes a warm spare for a child with the transport's JVM flags and no others, and starts its replacement in the
     * background. Also counts the demand that sizes the pool of spares.
     *
     * @param classPath the class path the child would get if it started cold ({@link ChildCommand#classPath()}, which
     *                  follows the starting thread's context class loader)
     * @return a live spare that booted with this process's current {@code mp4j.*} properties on that class path (a
     *         warmed-up one if there is one), or null: start cold. A spare on another class path might not find the
     *         task's classes; it is left waiting for the starts on its own.
     */
    synchronized Spare take(String classPath) {
        demand.addLast(System.nanoTime());
        if (demand.size() > DEMAND_KEPT) {
            demand.removeFirst();
        }
        if (closed) {
            return null;
        }
        drainReady();
        Map<String, String> props = ChildCommand.mp4jProperties();
        Spare best = null;
        for (Iterator<Spare> it = waiting.iterator(); it.hasNext(); ) {
            Spare s = it.next();
            if (!s.properties().equals(props)) {
                it.remove();
                s.retire();
            } else if (!s.os().isAlive() || ProcessLiveness.isDead(s.os().pid())) {
                // dying: the JVM may not have reaped it yet, but the kernel says it runs no code
                it.remove();
            } else if (s.classPath().equals(classPath)
                    && (best == null || !ready.contains(best.os().pid()) && ready.contains(s.os().pid()))) {
                best = s;
            }
        }
        if (best != null) {
            waiting.remove(best);
            ready.remove(best.os().pid());
        }
        // a little later: the replacement's boot would take the CPU from the child that starts now
        schedule(this::refill, REFILL_DELAY_MILLIS);
        return best;
    }

    /**
     * @param userFlags the child's own JVM flags
     * @param classPath the child's ({@link ChildCommand#classPath()})
     * @return the command of a cold child: its JVM flags are the transport's, the class-data archive's when the child
     *         has no flags of its own and the archive exists, then the child's own
     * @throws MpException if the class path would not hold mp4j's runtime
     */
    List<String> coldCommand(List<String> userFlags, String classPath) {
        List<String> flags = new ArrayList<>(transportFlags);
        if (userFlags.isEmpty()) {
            flags.addAll(archive(classPath).useFlags());
        }
        flags.addAll(userFlags);
        return ChildCommand.of(flags, classPath);
    }

    /** The pids of spares that finished warming up, from the queue their warm-up tasks put them on. */
    private void drainReady() {
        for (Object pid; (pid = readyPids.get()) != null; ) {
            if (pid instanceof Long p) {
                ready.add(p);
            }
        }
    }

    private void schedule(Runnable r) {
        schedule(r, 0);
    }

    private void schedule(Runnable r, long delayMillis) {
        if (starter == null) {
            starter = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread t = new Thread(runnable, "mp4j-spares");
                t.setDaemon(true);
                return t;
            });
            starter.scheduleWithFixedDelay(this::check, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
        }
        starter.schedule(r, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** On the starter thread: trains the class-data archive if it is missing, and starts spares up to the target. */
    private void refill() {
        try {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            String classPath = ChildCommand.classPath();
            if (archive(classPath).needsTraining() && startTrainer(classPath)) {
                return; // refill again once the archive is there: spares started without it would stay slow
            }
            for (;;) {
                synchronized (this) {
                    if (closed || waiting.size() >= target()) {
                        return;
                    }
                }
                Spare s = spawn(archive(classPath).useFlags(), false, classPath);
                if (s == null) {
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "cannot start a spare JVM; children start cold", e);
        }
    }

    /** On the starter thread, every few seconds: lets go of spares beyond the target, and notes those now ready. */
    private void check() {
        List<Spare> extra = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            drainReady();
            int keep = target();
            while (waiting.size() > keep) {
                extra.add(waiting.remove(waiting.size() - 1));
            }
        }
        extra.forEach(Spare::retire);
        refill();
    }

    /** @return whether a training run started; the refill continues when it ends */
    private boolean startTrainer(String classPath) {
        synchronized (this) {
            if (training) {
                return true;
            }
            training = true;
        }
        ClassDataArchive.Training run = archive(classPath).startTraining();
        if (run == null) {
            synchronized (this) {
                training = false;
            }
            return false;
        }
        Spare t = spawn(run.flags(), true, classPath);
        synchronized (this) {
            trainer = t;
            if (t == null) {
                training = false;
            }
        }
        if (t == null) {
            run.abandon();
            return false;
        }
        t.os().onExit().thenRun(() -> {
            run.finish(t.os().exitValue());
            synchronized (this) {
                trainer = null;
                training = false;
                if (!closed) {
                    schedule(this::refill);
                }
            }
        });
        return true;
    }

    /**
     * Starts a JVM and boots it with the warm-up task.
     *
     * @param trainer   whether this JVM only trains the archive: its output is not the user's, and it ends after its
     *                  warm-up, when it finds its standard input closed
     * @param classPath the class path it runs on, whose archive its flags name
     * @return the spare, waiting; null if it could not start
     */
    private Spare spawn(List<String> extraFlags, boolean trainer, String classPath) {
        beforeStart.run();
        List<Runnable> releases = Collections.synchronizedList(new ArrayList<>());
        byte[] warm = Departures.capturing(releases, () -> Codec.encode(warmup.get()));
        Map<String, String> props = ChildCommand.mp4jProperties();
        ProcessInfo me = tree.current();
        Bootstrap boot = new Bootstrap(tree.authkey(), transport, me.name(), me.pid(), me.daemon(),
                props, warm);
        List<String> flags = new ArrayList<>(transportFlags);
        flags.addAll(extraFlags);
        ProcessBuilder pb;
        try {
            pb = new ProcessBuilder(ChildCommand.of(flags, classPath));
        } catch (MpException e) {
            releases.forEach(Runnable::run);
            LOG.log(Level.DEBUG, "no spare JVM: " + e.getMessage());
            return null; // a cold start says why, in the caller's start()
        }
        if (trainer) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        java.lang.Process os;
        try {
            os = pb.start();
        } catch (IOException e) {
            releases.forEach(Runnable::run);
            LOG.log(Level.WARNING, "cannot start a spare JVM (" + pb.command().get(0) + "); children start cold", e);
            return null;
        }
        String name = (trainer ? "mp4j-archive-training-" : "mp4j-spare-") + os.pid();
        Forwarder out = new Forwarder(name + "-stdout", os.getInputStream(), () -> System.out);
        Forwarder err = new Forwarder(name + "-stderr", os.getErrorStream(), () -> System.err);
        out.start();
        err.start();
        Spare spare = new Spare(os, os.getOutputStream(), out, err, props, classPath, releases);
        try {
            boot.writeTo(spare.control());
        } catch (IOException e) {
            // it died before reading its bootstrap; its stderr says why, and its end is handled below
        }
        if (trainer) {
            spare.retire();
        } else {
            synchronized (this) {
                if (closed) {
                    spare.retire();
                } else {
                    waiting.add(spare);
                }
            }
        }
        os.onExit().thenRun(() -> ended(spare));
        return spare;
    }

    /** A spare ended: if it was still waiting, forget it and start another. A taken one is its child's business. */
    private void ended(Spare spare) {
        boolean wasWaiting;
        synchronized (this) {
            wasWaiting = waiting.remove(spare);
            ready.remove(spare.os().pid());
            if (wasWaiting && !closed) {
                LOG.log(Level.DEBUG, "spare JVM " + spare.os().pid() + " ended while it waited (exit status "
                        + spare.os().exitValue() + "); starting another");
                schedule(this::refill);
            }
        }
        spare.releaseCopies();
    }

    /** Ends every spare, and waits a little for them, so that nothing they hold outlives this context. */
    @Override
    public void close() {
        List<Spare> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(waiting);
            waiting.clear();
            if (trainer != null) {
                all.add(trainer);
            }
            if (starter != null) {
                starter.shutdownNow();
            }
        }
        for (Spare s : all) {
            s.os().toHandle().destroy();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        for (Spare s : all) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !s.os().waitFor(left, TimeUnit.NANOSECONDS)) {
                    s.os().toHandle().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
