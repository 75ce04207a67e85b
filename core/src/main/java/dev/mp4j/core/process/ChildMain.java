package dev.mp4j.core.process;

import dev.mp4j.Multiprocessing;
import dev.mp4j.Task;
import dev.mp4j.core.codec.Codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The main class of every child JVM. Reads the {@link Bootstrap} from standard input and joins the tree; a
 * {@linkplain Spares spare} then warms up and waits. Reads the {@link Assignment}, becomes the process its parent
 * named, runs the task and exits: 0 when it returns, 1 when it throws (after printing the stack trace on standard
 * error, as Python does). Standard input stays open as the parent's lifeline: its end of stream means the parent is
 * gone, and the child then exits within a second.
 */
public final class ChildMain {
    /** How long the exit hooks may run once the parent is gone, before the child halts. */
    private static final long ORPHAN_HALT_MILLIS = 700;
    /** How often a spare decodes and runs its warm-up: enough for the decoder's hot paths to be compiled. */
    private static final int WARMUP_ROUNDS = 40;

    private ChildMain() {}

    /**
     * Runs the task the parent sent over standard input.
     *
     * @param args ignored: everything comes over standard input
     */
    public static void main(String[] args) {
        // Read through a FileChannel, not System.in: an exiting JVM waits up to 300 ms for every thread blocked in
        // native code, and closing the channel at exit takes the watcher out of its read at once. Unbuffered: nothing
        // past what is asked for may be read ahead from the lifeline.
        FileChannel lifeline = new FileInputStream(FileDescriptor.in).getChannel();
        InputStream in = Channels.newInputStream(lifeline);
        Bootstrap boot;
        try {
            boot = Bootstrap.readFrom(in);
        } catch (IOException e) {
            System.err.println("mp4j: cannot read the bootstrap from the parent: " + e.getMessage());
            System.exit(1);
            return;
        }
        ProcessTree tree = ProcessTree.get();
        tree.boot(boot);
        String log = System.getProperty(Multiprocessing.LOG_TO_STDERR_PROPERTY);
        if (log != null) {
            try {
                Multiprocessing.logToStderr(System.Logger.Level.valueOf(log));
            } catch (IllegalArgumentException e) {
                System.err.println("mp4j: -D" + Multiprocessing.LOG_TO_STDERR_PROPERTY + "=" + log
                        + " names no System.Logger.Level; nothing is logged to stderr");
            }
        }
        CountDownLatch assigned = new CountDownLatch(1);
        parentWatcher(tree, lifeline, assigned).start();
        boolean spare = boot.warmup().length > 0;
        if (spare) {
            warmUp(tree, boot.warmup());
        }
        Assignment job;
        try {
            job = Assignment.readFrom(in);
        } catch (IOException e) {
            // a spare that is retired, or whose parent is gone, has nothing to report; a cold child lost its parent
            if (!spare) {
                System.err.println("mp4j: cannot read the task from the parent: " + e.getMessage());
            }
            System.exit(spare ? 0 : 1);
            return;
        }
        System.setIn(new ByteArrayInputStream(new byte[0]));
        tree.assign(job);
        assigned.countDown();

        int code = 0;
        try {
            Task task = (Task) Codec.decode(job.task());
            task.run();
        } catch (Throwable t) {
            // Once the JVM is shutting down (terminate(), a signal) the exit hook closes the task's pipes and
            // queues under it: what the task throws then is an echo of the shutdown, not a failure to report.
            if (!tree.exiting()) {
                System.err.println("Process " + job.name() + ":");
                t.printStackTrace();
            }
            code = 1;
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * Runs a spare's warm-up task, which connects to the parent and makes one exchange; reads it again a few times as
     * an {@link Assignment} and decodes it, so that the reader and the decoder a task goes through are loaded and
     * compiled before the task arrives; then lets the heap shrink while the spare waits: a full collection returns the
     * warm-up's garbage and the heap it no longer needs.
     */
    private static void warmUp(ProcessTree tree, byte[] warmup) {
        try {
            ((Task) Codec.decode(warmup)).run();
            ByteArrayOutputStream job = new ByteArrayOutputStream();
            new Assignment("Spare", "0", true, warmup, Map.of()).writeTo(job);
            for (int i = 1; i < WARMUP_ROUNDS; i++) {
                Codec.decode(Assignment.readFrom(new ByteArrayInputStream(job.toByteArray())).task());
            }
        } catch (Throwable t) {
            // once this JVM is ending (its parent retired it on its way out), a failure is an echo of that
            if (!tree.exiting()) {
                System.err.println("mp4j: a spare JVM could not warm up, and ends: " + t);
            }
            System.exit(1);
        }
        System.gc();
    }

    /**
     * Makes the daemon thread that reads the lifeline, once the task is known, until end of stream, and the exit hook
     * that closes it. Started before a spare waits, so that taking a spare does not pay for a new thread.
     */
    private static Thread parentWatcher(ProcessTree tree, FileChannel lifeline, CountDownLatch assigned) {
        AtomicBoolean exiting = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            exiting.set(true);
            try {
                tree.awaitChildrenEnded();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                lifeline.close();
            } catch (IOException ignored) {
                // the watcher goes away with the JVM in any case
            }
        }, "mp4j-lifeline-close"));
        Thread watcher = new Thread(() -> {
            ByteBuffer sink = ByteBuffer.allocate(64);
            try {
                assigned.await();
                while (lifeline.read(sink.clear()) != -1) {
                    // the parent never writes after the assignment; anything else is ignored
                }
            } catch (ClosedChannelException closedHere) {
                return; // this JVM closed the lifeline on its way out: no news of the parent
            } catch (IOException ignored) {
                // a broken pipe is the same news as end of stream
            } catch (InterruptedException e) {
                return; // nothing interrupts it: not expected
            }
            tree.parentGone();
            if (exiting.get()) {
                return; // the exit under way stops the children now, instead of waiting for them
            }
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(ORPHAN_HALT_MILLIS);
                } catch (InterruptedException ignored) {
                    // halting anyway
                }
                Runtime.getRuntime().halt(1);
            }, "mp4j-orphan-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(1);
        }, "mp4j-parent-watch");
        watcher.setDaemon(true);
        return watcher;
    }
}
