package dev.mp4j;

/**
 * Everything mp4j makes, over one transport: Python's {@code multiprocessing.get_context(...)}.
 *
 * <p>{@link Multiprocessing#context()} and {@link Multiprocessing#context(String)} return one shared
 * instance per transport per JVM, closed when the JVM exits. Objects made here (pipes, queues) live in this
 * process and are reached by other processes through it.
 *
 * <p>A {@code Context} is safe for use by several threads. It is not {@link java.io.Serializable}: a child
 * calls {@link Multiprocessing#context()} itself, and gets its parent's transport.
 */
public interface Context extends AutoCloseable {
    /** @return the name of this context's transport, such as {@code "netty"} */
    String transport();

    /**
     * A new, not yet started, child process that will run {@code target}. Named {@code "Process-N"} until
     * {@link Process#name(String)} says otherwise.
     *
     * @throws NullPointerException  if target is null
     * @throws IllegalStateException if this context is closed
     */
    Process process(Task target);

    /** @return a new unbounded queue */
    <E> Queue<E> queue();

    /**
     * @param maxsize the most items the queue holds; {@code <= 0} for unbounded (as in Python)
     * @return a new queue
     */
    <E> Queue<E> queue(int maxsize);

    /** @return a new unbounded joinable queue */
    <E> JoinableQueue<E> joinableQueue();

    /**
     * @param maxsize the most items the queue holds; {@code <= 0} for unbounded
     * @return a new joinable queue
     */
    <E> JoinableQueue<E> joinableQueue(int maxsize);

    /** @return a new duplex pipe */
    Pipe pipe();

    /**
     * @param duplex false for a one-way pipe whose left end receives and right end sends
     * @return a new pipe
     */
    Pipe pipe(boolean duplex);

    /**
     * Closes everything this context made in this process; other processes then see those objects as gone.
     * Running children are not stopped. Idempotent. Later calls to the factories throw
     * {@link IllegalStateException}.
     */
    @Override
    void close();
}
