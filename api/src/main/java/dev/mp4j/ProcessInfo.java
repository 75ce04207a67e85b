package dev.mp4j;

/**
 * What a process knows about itself or its parent: Python's {@code current_process()} and
 * {@code parent_process()}.
 *
 * @param name   the process name; {@code "MainProcess"} for the root of a process tree, {@code "Process-N"}
 *               (or the name given with {@link Process#name(String)}) for a child
 * @param pid    the operating-system process id
 * @param daemon whether the process was started as a daemon
 */
public record ProcessInfo(String name, long pid, boolean daemon) {}
