package dev.mp4j.transport.chronicle;

import dev.mp4j.shm.ParkedWaiters;

/**
 * The shared-memory segment of one link, {@code <server segment>~w<n>}, made by the connecting client: who is at
 * each end, whether the server accepted, how many sides have ended, and one table of parked waiters per side,
 * which the other side rings after it appends a frame. The frames themselves are in two Chronicle queues in the
 * server's folder, {@code l<n>/c} (client to server) and {@code l<n>/s} (server to client).
 */
final class LinkLayout {
    static final int MAGIC = 0x6D70_346C; // "mp4l"
    static final int LAYOUT_VERSION = 1;

    static final int MAGIC_AT = 0;
    static final int VERSION_AT = 4;
    static final int CLIENT_PID_AT = 8;
    static final int SERVER_PID_AT = 16;
    /** {@link #REQUESTED}, then {@link #ACCEPTED} or {@link #REFUSED}, written by the server. */
    static final int STATE_AT = 24;
    /**
     * How many sides have ended: the second to end removes the link's files; a side that still reads and finds the
     * other ended without a goodbye ends too (the other failed).
     */
    static final int ENDED_AT = 28;
    static final int CLIENT_WAITERS_AT = 64;
    static final int SERVER_WAITERS_AT = ServerLayout.align(CLIENT_WAITERS_AT + ParkedWaiters.BYTES, 64);
    static final int BYTES = ServerLayout.align(SERVER_WAITERS_AT + ParkedWaiters.BYTES, 4096);

    static final int REQUESTED = 0;
    static final int ACCEPTED = 1;
    static final int REFUSED = -1;

    /** The queue a side appends to, in the link's folder. */
    static final String CLIENT_TO_SERVER = "c";
    static final String SERVER_TO_CLIENT = "s";

    private LinkLayout() {
    }

    static String segmentSuffix(long n) {
        return "w" + n;
    }

    static String folder(long n) {
        return "l" + n;
    }
}
