package dev.mp4j.tck;

import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.Queue;

/**
 * The root of a process tree whose {@code main} returns while its children still work, for the contracts of how a
 * tree ends. Two ways:
 *
 * <ul>
 *   <li>{@code late-attach <transport>}: starts a non-daemon child that, a second after its parent's {@code main}
 *       has returned, hands a queue of its parent's to a grandchild of its own; the grandchild attaches it then and
 *       puts into it. At exit the root waits for that child, as Python's does, so everything the child uses must
 *       still be there. The child reports {@code grandchild <exit code>} on stderr.</li>
 *   <li>{@code spares-warming <transport>}: starts a child a few hundred milliseconds in, while the context's spares
 *       are still warming up, and returns at once: they end with the tree, and say nothing about it.</li>
 *   <li>{@code logging <transport>}: logs to stderr at {@code DEBUG} ({@link Multiprocessing#logToStderr}), starts a
 *       child that starts a grandchild, and waits for both: the lines of every process of the tree end up on its
 *       stderr.</li>
 *   <li>{@code exit-in-task <transport>}: a child's task calls {@code System.exit(3)}; the root joins it and reports
 *       its exit code, then exits 0. On the threads context that exit ends this whole JVM, with 3.</li>
 * </ul>
 */
public final class EndingRoot {
    private EndingRoot() {}

    /** @param args {@code late-attach|spares-warming|logging|exit-in-task <transport>} */
    public static void main(String[] args) throws Exception {
        Context mp = Multiprocessing.context(args[1]);
        switch (args[0]) {
            case "late-attach" -> {
                Queue<String> q = mp.queue();
                mp.process(() -> {
                    Thread.sleep(1_000);
                    Process grandchild = Multiprocessing.context().process(() -> q.put("late")).start();
                    grandchild.join();
                    System.err.println(PeerJvm.REPORT + "grandchild " + grandchild.exitCode().orElse(-1));
                }).start();
            }
            case "spares-warming" -> {
                Thread.sleep(300);
                mp.process(() -> { }).start();
            }
            case "logging" -> {
                Multiprocessing.logToStderr(System.Logger.Level.DEBUG);
                mp.process(() -> Multiprocessing.context().process(() -> { }).name("Grandchild").start().join())
                        .name("Child").start().join();
            }
            case "exit-in-task" -> {
                Process p = mp.process(() -> System.exit(3)).start();
                p.join();
                System.err.println(PeerJvm.REPORT + "joined " + p.exitCode().orElse(-1));
            }
            default -> throw new IllegalArgumentException("no such way to end: " + args[0]);
        }
    }
}
