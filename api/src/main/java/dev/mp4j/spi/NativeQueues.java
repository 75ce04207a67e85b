package dev.mp4j.spi;

import java.io.IOException;

/**
 * The native-queue capability of a {@link Transport} ({@link Transport#nativeQueues()}): queues and pipes whose items
 * the transport keeps itself, in storage that every process of the tree reads and writes directly (shared memory, a
 * journal), instead of asking the process that made them.
 *
 * <p>Items are opaque byte arrays: the runtime encodes and decodes them. What the runtime needs from a native queue
 * or pipe, beyond moving bytes:
 * <ul>
 *   <li>it lives for as long as any process holds it, not only as long as the process that made it (Python's
 *       semantics), and the transport frees its storage once no live process holds it, including after every
 *       holder was killed;</li>
 *   <li>a process that dies holding it (even by SIGKILL) releases what it held: its pipe-end copies close, and no
 *       lock or half-written item of its blocks the others;</li>
 *   <li>a name ({@link NativeQueue#name()}, {@link NativePipe#name()}) that any process of the tree can attach by;
 *       the runtime sends it inside its tokens.</li>
 * </ul>
 *
 * <p>Thread-safe. The blocking methods of {@link NativeQueue} and {@link NativePipe} are called from user threads,
 * never from a transport thread. The runtime holds a queue from the first time a process makes or receives it until
 * its context closes, and closes each pipe copy when the user does (or when its context closes).
 */
public interface NativeQueues {
    /**
     * Creates a queue, held by this process until {@link NativeQueue#close()}.
     *
     * @param capacity the most items it holds at once, or 0 for no bound at all (not a bound of the transport's own)
     * @param joinable whether it counts unfinished items ({@link NativeQueue#taskDone()}, {@link NativeQueue#join})
     * @throws IOException if its storage cannot be made, or it cannot hold {@code capacity} items
     */
    NativeQueue createQueue(int capacity, boolean joinable) throws IOException;

    /**
     * Attaches this process to a queue another process (or this one) made.
     *
     * @param name a {@link NativeQueue#name()}
     * @throws IOException if there is no such queue any more, or it cannot be opened
     */
    NativeQueue attachQueue(String name) throws IOException;

    /**
     * Attaches a queue whose token another process (or this one) sent here, turning the token's departure ticket
     * ({@link NativeQueue#depart()}) into this process's hold, in one step. A ticket that is no longer there is no
     * error: one encoded token may be decoded more than once (a pool sends one encoding of a function to each of its
     * workers), and every decoder gets a hold while the queue is there.
     *
     * <p>The default ignores the ticket: right for a transport whose {@code depart} takes none, whose tickets are
     * always 0.
     *
     * @param ticket the ticket the sending process took for this token, or 0 for none
     * @throws IOException if there is no such queue any more, or it cannot be opened
     */
    default NativeQueue attachQueue(String name, long ticket) throws IOException {
        return attachQueue(name);
    }

    /**
     * Creates a pipe and returns this process's first copy of each end: index 0 is the left end, 1 the right. A
     * one-way pipe ({@code duplex == false}) carries messages from the right end to the left only.
     *
     * @throws IOException if its storage cannot be made
     */
    NativePipe[] createPipe(boolean duplex) throws IOException;

    /**
     * Attaches a copy of a pipe end that another process sent here, turning its departure ticket
     * ({@link NativePipe#depart()}) into an open copy held by this process.
     *
     * <p>A ticket that is no longer there is no error while the end has an open copy: one encoded token may be
     * decoded more than once (a pool sends one encoding of a function to each of its workers), and a later copy is
     * one more copy of an end that is still open. An end with no open copy left has ended, and must stay ended.
     *
     * @param name   a {@link NativePipe#name()}
     * @param end    0 (left) or 1 (right)
     * @param ticket the ticket the sending process took for this copy
     * @throws IOException if the pipe is gone, or the ticket was already used or released and the end has no open
     *                     copy left
     */
    NativePipe attachPipe(String name, int end, long ticket) throws IOException;
}
