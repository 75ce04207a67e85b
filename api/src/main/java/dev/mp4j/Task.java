package dev.mp4j;

import java.io.Serializable;

/**
 * Code to run in another process: the JVM counterpart of Python's {@code Process(target=f, args=...)}.
 *
 * <p>A task is serialized in the process that hands it over (in {@link Process#start()} for a child) and
 * deserialized in the other, so everything it captures must be {@link Serializable}. The other process runs a
 * copy: changes made afterwards to what the task captured do not reach it. A lambda assigned to {@code Task}
 * is serializable as long as what it captures is. mp4j's own IPC objects ({@link Connection}, {@link Queue},
 * ...) may be captured: they re-attach to the same object in the child.
 *
 * <p>If {@link #run()} throws, the child prints the stack trace on its standard error and ends with exit
 * code 1.
 */
@FunctionalInterface
public interface Task extends Serializable {
    /**
     * Runs the task in the child process.
     *
     * @throws Exception anything; the child then ends with exit code 1
     */
    void run() throws Exception;
}
