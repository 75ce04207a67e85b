package dev.mp4j.core;

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who this process is in its tree: its name and identity ({@code "1:2"} is the second child of the first
 * child of the root, named {@code "Process-1:2"} as in Python), its parent, the tree's authkey, and the
 * children it started. Its exit hook is the one place that orders what happens when this JVM ends.
 */
final class ProcessTree {
    static final String ROOT_NAME = "MainProcess";
    private static final Duration DAEMON_GRACE = Duration.ofSeconds(2);

    /** Made on first need: a child takes its parent's, and should not pay for a SecureRandom first. */
    private static volatile byte[] authkey;
    private static volatile ProcessInfo current = new ProcessInfo(ROOT_NAME, ProcessHandle.current().pid(), false);
    private static volatile ProcessInfo parent;
    private static volatile String identity = "";
    private static volatile boolean parentGone;
    private static volatile String inheritedTransport;
    private static volatile boolean exiting;
    private static final AtomicInteger CHILD_COUNTER = new AtomicInteger();
    private static final Set<ChildProcess> CHILDREN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessTree::atExit, "mp4j-exit"));
    }

    private ProcessTree() {}

    private static byte[] newAuthkey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    static byte[] authkey() {
        byte[] k = authkey;
        if (k == null) {
            synchronized (ProcessTree.class) {
                k = authkey;
                if (k == null) {
                    authkey = k = newAuthkey();
                }
            }
        }
        return k;
    }

    static ProcessInfo current() {
        return current;
    }

    static Optional<String> inheritedTransport() {
        return Optional.ofNullable(inheritedTransport);
    }

    static Optional<ProcessInfo> parent() {
        return Optional.ofNullable(parent);
    }

    /** Takes on the identity the parent gave this process; called once, first thing in a child. */
    static void becomeChild(Bootstrap b) {
        for (Map.Entry<String, String> e : b.properties().entrySet()) {
            System.setProperty(e.getKey(), e.getValue());
        }
        inheritedTransport = b.transport();
        authkey = b.authkey();
        identity = b.identity();
        current = new ProcessInfo(b.name(), ProcessHandle.current().pid(), b.daemon());
        parent = new ProcessInfo(b.parentName(), b.parentPid(), b.parentDaemon());
    }

    /** @return the identity of the next child: this process's identity and a new number */
    static String nextChildIdentity() {
        int n = CHILD_COUNTER.incrementAndGet();
        return identity.isEmpty() ? Integer.toString(n) : identity + ":" + n;
    }

    static void started(ChildProcess p) {
        CHILDREN.add(p);
    }

    static void ended(ChildProcess p) {
        CHILDREN.remove(p);
    }

    static List<Process> activeChildren() {
        List<Process> alive = new ArrayList<>();
        for (ChildProcess p : CHILDREN) {
            if (p.isAlive()) {
                alive.add(p);
            } else {
                CHILDREN.remove(p);
            }
        }
        return alive;
    }

    /** @return whether this JVM is shutting down (a signal, {@code System.exit}, or the end of main) */
    static boolean exiting() {
        return exiting;
    }

    /** The parent is gone: at exit, stop the children instead of waiting for them. */
    static void parentGone() {
        parentGone = true;
    }

    /**
     * At JVM exit: flush this process's pending puts; terminate daemon children (all children if the parent is
     * gone) and join the rest, as Python does at exit; then close every context.
     */
    private static void atExit() {
        exiting = true;
        CoreContext.flushAll();
        List<ChildProcess> children = new ArrayList<>(CHILDREN);
        for (ChildProcess p : children) {
            if (p.isDaemon() || parentGone) {
                p.terminate();
            }
        }
        for (ChildProcess p : children) {
            try {
                if (p.isDaemon() || parentGone) {
                    if (!p.join(DAEMON_GRACE)) {
                        p.kill();
                    }
                } else {
                    p.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        CoreContext.closeAll();
    }
}
