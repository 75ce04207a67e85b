package dev.mp4j.tck.sample;

/**
 * Every thread of the sample transport is one of these, daemon, so that a call can tell it runs on a transport thread
 * (where {@link SampleLink#close()} must not wait) and a transport never keeps a JVM alive.
 */
final class SampleThread extends Thread {
    SampleThread(Runnable task, String name) {
        super(task, name);
        setDaemon(true);
    }

    static boolean current() {
        return Thread.currentThread() instanceof SampleThread;
    }
}
