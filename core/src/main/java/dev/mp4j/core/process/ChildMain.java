package dev.mp4j.core.process;

import dev.mp4j.Task;
import dev.mp4j.core.codec.Codec;

import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The main class of every child JVM. Reads the {@link Bootstrap} from standard input, becomes the process
 * its parent named, runs the task and exits: 0 when it returns, 1 when it throws (after printing the stack
 * trace on standard error, as Python does). Standard input stays open as the parent's lifeline: its end of
 * stream means the parent is gone, and the child then exits within a second.
 */
public final class ChildMain {
    /** How long the exit hooks may run once the parent is gone, before the child halts. */
    private static final long ORPHAN_HALT_MILLIS = 700;

    private ChildMain() {}

    /**
     * Runs the task the parent sent over standard input.
     *
     * @param args ignored: everything comes over standard input
     */
    public static void main(String[] args) {
        Bootstrap boot;
        try {
            // unbuffered: nothing past the bootstrap may be read ahead from the lifeline
            boot = Bootstrap.readFrom(new FileInputStream(FileDescriptor.in));
        } catch (IOException e) {
            System.err.println("mp4j: cannot read the task from the parent: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.setIn(new ByteArrayInputStream(new byte[0]));
        ProcessTree tree = ProcessTree.get();
        tree.becomeChild(boot);
        watchParent(tree);

        int code = 0;
        try {
            Task task = (Task) Codec.decode(boot.task());
            task.run();
        } catch (Throwable t) {
            // Once the JVM is shutting down (terminate(), a signal) the exit hook closes the task's pipes and
            // queues under it: what the task throws then is an echo of the shutdown, not a failure to report.
            if (!tree.exiting()) {
                System.err.println("Process " + boot.name() + ":");
                t.printStackTrace();
            }
            code = 1;
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * Reads the lifeline until end of stream on a daemon thread. It reads through a {@link FileChannel}, not
     * {@code System.in}, because an exiting JVM waits up to 300 ms for every thread blocked in native code:
     * closing the channel at exit takes the thread out of its read at once.
     */
    private static void watchParent(ProcessTree tree) {
        FileChannel lifeline = new FileInputStream(FileDescriptor.in).getChannel();
        AtomicBoolean exiting = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            exiting.set(true);
            try {
                lifeline.close();
            } catch (IOException ignored) {
                // the watcher goes away with the JVM in any case
            }
        }, "mp4j-lifeline-close"));
        Thread watcher = new Thread(() -> {
            ByteBuffer sink = ByteBuffer.allocate(64);
            try {
                while (lifeline.read(sink.clear()) != -1) {
                    // the parent never writes after the bootstrap; anything else is ignored
                }
            } catch (IOException ignored) {
                // a broken pipe is the same news as end of stream, unless this JVM closed it on its way out
            }
            if (exiting.get()) {
                return;
            }
            tree.parentGone();
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
        watcher.start();
    }
}
