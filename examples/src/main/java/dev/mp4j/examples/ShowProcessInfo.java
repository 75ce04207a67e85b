package dev.mp4j.examples;

import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.ProcessInfo;

/**
 * The parent and a child each print their name, process id and parent's process id.
 *
 * <p>The first example of Python's {@code multiprocessing} documentation:
 * <pre>{@code
 * from multiprocessing import Process
 * import os
 *
 * def info(title):
 *     print(title)
 *     print('module name:', __name__)
 *     print('parent process:', os.getppid())
 *     print('process id:', os.getpid())
 *
 * def f(name):
 *     info('function f')
 *     print('hello', name)
 *
 * if __name__ == '__main__':
 *     info('main line')
 *     p = Process(target=f, args=('bob',))
 *     p.start()
 *     p.join()
 * }</pre>
 *
 * <p>Demonstrates:
 * <ul>
 *   <li>{@code Process(target=f, args=('bob',))} is {@code context.process(() -> f(name))}: the lambda's
 *       captured variables are the arguments, and must be {@link java.io.Serializable};</li>
 *   <li>{@link Multiprocessing#currentProcess()} and {@link Multiprocessing#parentProcess()} are Python's
 *       {@code current_process()} and {@code parent_process()}; the root is {@code "MainProcess"}, a child
 *       {@code "Process-N"}. Python's module name ({@code __main__} in the parent, {@code __mp_main__} in the
 *       child) has no Java counterpart, so the process name is printed instead;</li>
 *   <li>no {@code if __name__ == '__main__'} guard: the child JVM's main class is mp4j's, not this one;</li>
 *   <li>the child's standard output is forwarded to the parent's, and {@code join()} returns once the child's
 *       last line has been printed.</li>
 * </ul>
 */
public final class ShowProcessInfo {
    private ShowProcessInfo() {}

    static void info(String title) {
        ProcessInfo me = Multiprocessing.currentProcess();
        long osParent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        String parentName = Multiprocessing.parentProcess()
                .map(p -> p.pid() == osParent ? p.name() : p.name() + ", pid " + p.pid() + " by mp4j's account")
                .orElse("not an mp4j process");
        System.out.println(title);
        System.out.println("  process name:   " + me.name());
        System.out.println("  parent process: " + osParent + " (" + parentName + ")");
        System.out.println("  process id:     " + me.pid());
    }

    static void f(String name) {
        info("function f");
        System.out.println("hello " + name);
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        Context mp = Multiprocessing.context();
        info("main line");
        String name = "bob";
        Process p = mp.process(() -> f(name)).start();
        p.join();
        if (p.exitCode().orElse(-1) != 0) {
            throw new IllegalStateException(p + " failed");
        }
    }
}
