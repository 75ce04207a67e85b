package dev.mp4j.transport.chronicle;

import dev.mp4j.shm.ParkedWaiters;

/**
 * The shared-memory segment of a chronicle server, {@code mp4j-chronicle-<pid>-<n>-<random>}, which clients attach
 * by name: who serves, whether it still accepts, the count that numbers its links, and the table of its acceptor's
 * parked waiters, which a client rings once it has appended its request. The server's files are parts of it: the
 * folder {@code <segment>~q} with the accept queue and each link's queues, and each link's {@link LinkLayout}
 * segment {@code <segment>~w<n>}; the process tree's clean-up removes them all with the segment.
 */
final class ServerLayout {
    static final int MAGIC = 0x6D70_3463; // "mp4c"
    static final int LAYOUT_VERSION = 1;

    static final int MAGIC_AT = 0;
    static final int VERSION_AT = 4;
    /** The serving process's pid. */
    static final int PID_AT = 8;
    /** 1 once the server stopped accepting. */
    static final int CLOSED_AT = 16;
    /** The number of the last link a client started: each takes the next with an atomic add. */
    static final int LINKS_AT = 24;
    static final int ACCEPTOR_WAITERS_AT = 64;
    static final int BYTES = align(ACCEPTOR_WAITERS_AT + ParkedWaiters.BYTES, 4096);

    /** The folder part holding the server's queues. */
    static final String FOLDER = "q";
    /** The accept queue's folder in {@link #FOLDER}. */
    static final String ACCEPT = "accept";

    private ServerLayout() {
    }

    static int align(int n, int to) {
        return (n + to - 1) / to * to;
    }
}
