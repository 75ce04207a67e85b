package dev.mp4j.transport.chronicle;

/** A thread of the chronicle transport: a link's reader or a server's acceptor. Daemon: it never keeps a JVM alive. */
final class ChronicleThread extends Thread {
    ChronicleThread(Runnable body, String name) {
        super(body, name);
        setDaemon(true);
    }

    /** @return whether the caller runs on a thread of the chronicle transport (a handler callback) */
    static boolean current() {
        return Thread.currentThread() instanceof ChronicleThread;
    }
}
