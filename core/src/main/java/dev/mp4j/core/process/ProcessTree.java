package dev.mp4j.core.process;

import dev.mp4j.Process;
import dev.mp4j.ProcessInfo;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who this process is in its tree: its name and identity ({@code "1:2"} is the second child of the first child of
 * the root, named {@code "Process-1:2"} as in Python), its parent, the transport its parent chose, the tree's
 * authkey, and the children it started. Its exit hook is the one place that orders what happens when this JVM
 * ends.
 *
 * <p>There is one tree per JVM ({@link #get()}); the runtime's entry points (the runtime object, a child's main)
 * take it from there and pass it to whatever needs it. Thread-safe.
 */
public final class ProcessTree {
    static final String ROOT_NAME = "MainProcess";
    private static final Duration DAEMON_GRACE = Duration.ofSeconds(2);
    /** How often an exiting process that waits for its children checks whether it was told to stop. */
    private static final Duration STOP_CHECK = Duration.ofMillis(100);
    private static final ProcessTree THIS_JVM = new ProcessTree();

    /** Made on first need: a child takes its parent's, and should not pay for a SecureRandom first. */
    private volatile byte[] authkey;
    private volatile ProcessInfo current = new ProcessInfo(ROOT_NAME, ProcessHandle.current().pid(), false);
    private volatile ProcessInfo parent;
    private volatile String identity = "";
    private volatile String inheritedTransport;
    private volatile boolean parentGone;
    private volatile boolean terminated;
    private final CountDownLatch childrenEnded = new CountDownLatch(1);
    private volatile boolean exiting;
    private volatile Runnable beforeChildrenEnd = () -> {};
    private volatile Runnable afterChildrenEnd = () -> {};
    private final AtomicInteger childCounter = new AtomicInteger();
    private final Set<Process> children = ConcurrentHashMap.newKeySet();
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

    private ProcessTree() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::atExit, "mp4j-exit"));
        onTerminate();
    }

    /**
     * SIGTERM (the parent's {@code terminate()}, or anyone's {@code kill}) first marks this JVM terminated, so that
     * its exit stops its children instead of waiting for them, even if the exit is already under way; then it does
     * what it did before (the JVM's own handler exits with status 143; a handler installed earlier keeps its
     * effect). Where the JVM's signals are not ours to handle ({@code -Xrs}), SIGTERM keeps its default effect.
     */
    private void onTerminate() {
        try {
            sun.misc.Signal term = new sun.misc.Signal("TERM");
            sun.misc.SignalHandler[] before = new sun.misc.SignalHandler[1];
            before[0] = sun.misc.Signal.handle(term, signal -> {
                terminated = true;
                sun.misc.SignalHandler previous = before[0];
                if (previous != null && previous != sun.misc.SignalHandler.SIG_IGN) {
                    if (previous == sun.misc.SignalHandler.SIG_DFL) {
                        System.exit(143);
                    } else {
                        previous.handle(signal);
                    }
                }
            });
        } catch (Throwable notOurs) {
            // -Xrs, or no SIGTERM here: the default handling stays
        }
    }

    /** @return this JVM's place in its process tree */
    public static ProcessTree get() {
        return THIS_JVM;
    }

    /**
     * Sets what the runtime does at exit: {@code beforeChildrenEnd} runs first (flush this process's pending
     * puts, so its children and its parent see them), {@code afterChildrenEnd} last (close every context).
     */
    public void atExit(Runnable beforeChildrenEnd, Runnable afterChildrenEnd) {
        this.beforeChildrenEnd = beforeChildrenEnd;
        this.afterChildrenEnd = afterChildrenEnd;
    }

    /** @return the tree's key, which every link between its processes proves knowledge of */
    public byte[] authkey() {
        byte[] k = authkey;
        if (k == null) {
            synchronized (this) {
                k = authkey;
                if (k == null) {
                    k = new byte[32];
                    new SecureRandom().nextBytes(k);
                    authkey = k;
                }
            }
        }
        return k;
    }

    public ProcessInfo current() {
        return current;
    }

    public Optional<ProcessInfo> parent() {
        return Optional.ofNullable(parent);
    }

    /** @return the transport this process's parent started it with; empty in the root */
    public Optional<String> inheritedTransport() {
        return Optional.ofNullable(inheritedTransport);
    }

    /** Joins the tree the parent named: its key, its transport, its properties; called first thing in a child. */
    void boot(Bootstrap b) {
        b.properties().forEach(System::setProperty);
        inheritedTransport = b.transport();
        authkey = b.authkey();
        parent = new ProcessInfo(b.parentName(), b.parentPid(), b.parentDaemon());
        current = new ProcessInfo("Spare", ProcessHandle.current().pid(), true);
    }

    /** Takes on the identity the parent gave this process, once it has a task. */
    void assign(Assignment a) {
        keys.putAll(a.keys());
        identity = a.identity();
        current = new ProcessInfo(a.name(), ProcessHandle.current().pid(), a.daemon());
    }

    /**
     * Remembers the key of the manager (or other server) at {@code address}, for this process and the children it
     * starts from now on; they get it with their task, over their private standard input.
     */
    public void rememberKey(String address, byte[] key) {
        keys.put(address, key.clone());
    }

    /** @return the key remembered for {@code address}, or null */
    public byte[] keyFor(String address) {
        byte[] k = keys.get(address);
        return k == null ? null : k.clone();
    }

    Map<String, byte[]> keys() {
        return Map.copyOf(keys);
    }

    /** @return the identity of the next child: this process's identity and a new number */
    String nextChildIdentity() {
        int n = childCounter.incrementAndGet();
        return identity.isEmpty() ? Integer.toString(n) : identity + ":" + n;
    }

    void started(Process p) {
        children.add(p);
    }

    void ended(Process p) {
        children.remove(p);
    }

    public List<Process> activeChildren() {
        List<Process> alive = new ArrayList<>();
        for (Process p : children) {
            if (p.isAlive()) {
                alive.add(p);
            } else {
                children.remove(p);
            }
        }
        return alive;
    }

    /** @return whether this JVM is shutting down (a signal, {@code System.exit}, or the end of main) */
    boolean exiting() {
        return exiting;
    }

    /** The parent is gone: at exit, stop the children instead of waiting for them. */
    void parentGone() {
        parentGone = true;
    }

    /**
     * At JVM exit: flush this process's pending puts; terminate daemon children and join the rest, as Python does
     * at exit; then close every context. If this process is terminated or its parent dies meanwhile (or already
     * had), the children still running are terminated instead of waited for: a process never outlives its parent
     * for their sake.
     */
    private void atExit() {
        exiting = true;
        try {
            beforeChildrenEnd.run();
            // not the thread-backed ones: the JVM waited for a non-daemon thread before its exit began, and a thread
            // that called System.exit is one of them, so waiting for it here would never end; all end with the JVM
            List<Process> all = new ArrayList<>(children);
            all.removeIf(p -> p instanceof ThreadProcess);
            for (Process p : all) {
                if (p.isDaemon()) {
                    p.terminate();
                }
            }
            try {
                for (Process p : all) {
                    while (!p.isDaemon() && !stopping() && !p.join(STOP_CHECK)) {
                        // a non-daemon child is waited for, as long as nothing tells this process to stop
                    }
                }
                for (Process p : all) {
                    p.terminate();
                }
                for (Process p : all) {
                    if (!p.join(DAEMON_GRACE)) {
                        p.kill();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } finally {
            childrenEnded.countDown();
            afterChildrenEnd.run();
        }
    }

    /**
     * Waits, in another exit hook, until this JVM's exit has ended or stopped its children: until then, news of
     * the parent's death must still reach {@link #parentGone()}.
     */
    public void awaitChildrenEnded() throws InterruptedException {
        childrenEnded.await();
    }

    private boolean stopping() {
        return parentGone || terminated;
    }
}
