package dev.mp4j.benchmarks;

import dev.mp4j.Connection;
import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.Task;

import java.time.Duration;

/**
 * What every benchmark shares: the pinned payloads of {@code benchmarks/python/bench_multiprocessing.py},
 * starting peer JVMs, and stopping them so that none outlives its trial.
 */
final class Peers {
    /** Python's {@code PAYLOAD_64 = bytes(range(64))}: the 64 bytes 0x00..0x3F. */
    static final byte[] PAYLOAD_64 = payload(64);

    /** Python's {@code PAYLOAD_1K = bytes(k % 256 for k in range(1024))}. */
    static final byte[] PAYLOAD_1K = payload(1024);

    /** Python's READY_TIMEOUT_S: how long a peer may take to be ready, or to answer. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** How long an orderly stop may take before the child is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private Peers() {}

    private static byte[] payload(int n) {
        byte[] b = new byte[n];
        for (int k = 0; k < n; k++) {
            b[k] = (byte) (k % 256);
        }
        return b;
    }

    /**
     * The shared context of the default transport. A peer JVM runs this JVM's {@code java} with this JVM's
     * {@code java.class.path}: under {@code java -jar benchmarks.jar} (and in the JVMs JMH forks from it) that is
     * the shaded jar, which holds mp4j, its transport and these classes.
     */
    static Context context() {
        String cp = System.getProperty("java.class.path", "");
        if (cp.isBlank()) {
            throw new IllegalStateException("java.class.path is empty: peer JVMs could not load mp4j or the "
                    + "benchmark tasks; run java -jar benchmarks/target/benchmarks.jar");
        }
        return Multiprocessing.context();
    }

    /**
     * Extra JVM flags for every peer, from {@code -jvmArgsAppend -Dbench.peerJvmArgs="..."} (split at spaces;
     * {@code {name}} stands for the peer's name), e.g. {@code -XX:StartFlightRecording=filename=/tmp/{name}.jfr} to
     * profile the peers. Not an {@code mp4j.*} property, so the peers do not pass it on to their own children.
     */
    static final String PEER_JVM_ARGS = "bench.peerJvmArgs";

    /** Starts a daemon peer (daemon only as a safety net: every benchmark stops and joins its peers itself). */
    static Process start(Context ctx, String name, Task task) {
        Process p = ctx.process(task).name(name).daemon(true);
        String extra = System.getProperty(PEER_JVM_ARGS, "").strip();
        if (!extra.isEmpty()) {
            p.jvmArgs(extra.replace("{name}", name).split("\\s+"));
        }
        return p.start();
    }

    /**
     * Waits for a peer that was told to stop; kills it if it does not end in time, and fails then, so that a
     * benchmark that cannot stop its peers cleanly does not go unnoticed.
     */
    static void stop(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        boolean clean = p.join(STOP_TIMEOUT);
        if (!clean) {
            p.kill();
            p.join();
        }
        int code = p.exitCode().orElse(Integer.MIN_VALUE);
        p.close();
        if (!clean) {
            throw new IllegalStateException(p.name() + " did not stop within " + STOP_TIMEOUT + " and was killed");
        }
        if (code != 0) {
            throw new IllegalStateException(p.name() + " ended with exit code " + code);
        }
    }

    /** Sends {@code null} (the stop word of every peer loop here) if the connection is still usable. */
    static void sendStop(Connection c) {
        if (c != null && !c.isClosed()) {
            try {
                c.send(null);
            } catch (RuntimeException alreadyGone) {
                // the peer is gone already; stop() will tell how it ended
            }
        }
    }

    static void close(Connection... cs) {
        for (Connection c : cs) {
            if (c != null) {
                c.close();
            }
        }
    }
}
