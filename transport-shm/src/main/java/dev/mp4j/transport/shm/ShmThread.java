package dev.mp4j.transport.shm;

/** A thread of the shm transport: a link's reader or a server's acceptor. Daemon: it never keeps a JVM alive. */
final class ShmThread extends Thread {
    ShmThread(Runnable body, String name) {
        super(body, name);
        setDaemon(true);
    }

    /** @return whether the caller runs on a thread of the shm transport (a handler callback) */
    static boolean current() {
        return Thread.currentThread() instanceof ShmThread;
    }
}
