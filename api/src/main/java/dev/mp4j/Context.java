package dev.mp4j;

import java.time.Duration;

/**
 * Everything mp4j makes, over one transport: Python's {@code multiprocessing.get_context(...)}.
 *
 * <p>{@link Multiprocessing#context()} and {@link Multiprocessing#context(String)} return one shared
 * instance per transport per JVM, closed when the JVM exits. Pipes and queues made here live in this process
 * and are reached by other processes through the transport. The synchronization objects (locks, semaphores,
 * events, conditions, barriers), the shared values and arrays, and shared memory live in shared memory
 * instead: they do not depend on the transport, are not closed by {@link #close()}, and last until the root
 * process of the tree ends.
 *
 * <p>Memory consistency effects: an object made here is complete when the factory returns (a shared value
 * holds its initial value, a semaphore its permits, a new queue is empty). Handed to a child started
 * afterwards, captured by its task, or to any process of the tree through a pipe or queue, it re-attaches to
 * the same object there, and making it happens-before its use there, through the effects of
 * {@link Process#start()} or of the pipe or queue that carried it.
 *
 * <p>A {@code Context} is safe for use by several threads. It is not {@link java.io.Serializable}: a child
 * calls {@link Multiprocessing#context()} itself, and gets its parent's transport.
 */
public interface Context extends AutoCloseable {
    /** @return the name of this context's transport, such as {@code "netty"}, or {@link Multiprocessing#THREADS} */
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
     * Starts a pool of {@link Multiprocessing#cpuCount()} worker processes, as Python's {@code Pool()} does; returns
     * once every worker is ready.
     *
     * @throws MpException if a worker could not be started (no worker is left running)
     */
    default Pool pool() {
        return pool(Multiprocessing.cpuCount());
    }

    /**
     * Starts a pool of {@code processes} worker processes; returns once every worker is ready.
     *
     * @throws IllegalArgumentException if {@code processes < 1}
     * @throws MpException              if a worker could not be started (no worker is left running)
     */
    Pool pool(int processes);

    /**
     * Starts a pool as {@code options} say; returns once every worker has run the initializer.
     *
     * @throws NullPointerException     if options is null
     * @throws IllegalArgumentException if the initializer cannot be serialized
     * @throws MpException              if a worker could not be started or its initializer threw (no worker
     *                                  is left running)
     */
    Pool pool(PoolOptions options);

    /** @return a new non-reentrant lock, unlocked (Python's {@code Lock()}) */
    Lock lock();

    /** @return a new reentrant lock, unlocked (Python's {@code RLock()}) */
    RLock rlock();

    /**
     * @param permits the initial number of permits; may be zero
     * @return a new semaphore; releases may take it above {@code permits}
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    Semaphore semaphore(int permits);

    /**
     * @param permits the initial, and largest, number of permits; may be zero
     * @return a new semaphore whose {@link Semaphore#release()} refuses to exceed {@code permits}
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    Semaphore boundedSemaphore(int permits);

    /** @return a new event, cleared */
    Event event();

    /** @return a new condition over a new {@link RLock} (as Python's {@code Condition()}) */
    Condition condition();

    /**
     * @param lock the lock the condition is bound to; an {@link RLock} or a plain {@link Lock} made by mp4j
     * @return a new condition over {@code lock}
     * @throws NullPointerException     if {@code lock} is null
     * @throws IllegalArgumentException if {@code lock} is not one of mp4j's shared locks
     */
    Condition condition(Lock lock);

    /**
     * @param parties the number of parties that must arrive for each pass, 1 to 256
     * @return a new barrier, with no action and no default timeout
     * @throws IllegalArgumentException if {@code parties} is less than 1 or more than 256
     */
    Barrier barrier(int parties);

    /**
     * @param parties the number of parties that must arrive for each pass, 1 to 256
     * @param action  run once per pass by the last party to arrive, before any is released; null for none
     * @param timeout the default timeout of {@link Barrier#await()}; null for none, negative taken as zero
     * @return a new barrier
     * @throws IllegalArgumentException if {@code parties} is less than 1 or more than 256, or if the action
     *                                  cannot be serialized
     */
    Barrier barrier(int parties, Task action, Duration timeout);

    /** @return a new shared {@code int} holding {@code initial} */
    SharedInt sharedInt(int initial);

    /** @return a new shared {@code long} holding {@code initial} */
    SharedLong sharedLong(long initial);

    /** @return a new shared {@code double} holding {@code initial} */
    SharedDouble sharedDouble(double initial);

    /**
     * @return a new shared array of {@code length} zeros
     * @throws IllegalArgumentException if {@code length} is negative
     */
    SharedIntArray sharedIntArray(int length);

    /**
     * @return a new shared array holding a copy of {@code values}
     * @throws NullPointerException if {@code values} is null
     */
    SharedIntArray sharedIntArrayOf(int... values);

    /**
     * @return a new shared array of {@code length} zeros
     * @throws IllegalArgumentException if {@code length} is negative
     */
    SharedLongArray sharedLongArray(int length);

    /**
     * @return a new shared array holding a copy of {@code values}
     * @throws NullPointerException if {@code values} is null
     */
    SharedLongArray sharedLongArrayOf(long... values);

    /**
     * @return a new shared array of {@code length} zeros
     * @throws IllegalArgumentException if {@code length} is negative
     */
    SharedDoubleArray sharedDoubleArray(int length);

    /**
     * @return a new shared array holding a copy of {@code values}
     * @throws NullPointerException if {@code values} is null
     */
    SharedDoubleArray sharedDoubleArrayOf(double... values);

    /**
     * Creates a zeroed shared-memory block with a new, unique name.
     *
     * @param size the size in bytes
     * @return the new block, attached to this process
     * @throws IllegalArgumentException if {@code size <= 0} or {@code size > Integer.MAX_VALUE} (a ByteBuffer
     *                                  addresses at most 2 GiB - 1)
     * @throws MpException              if the operating system refuses to create or map the block
     */
    SharedMemory sharedMemory(long size);

    /**
     * Creates a zeroed shared-memory block with the given name.
     *
     * @param name the name: 1 to 200 characters, none of them {@code '/'}, {@code '\'} or NUL, not starting with
     *             {@code "mp4j-"} (mp4j's own files have that prefix)
     * @param size the size in bytes
     * @return the new block, attached to this process
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if {@code size <= 0}, {@code size > Integer.MAX_VALUE}, or the name is
     *                                  not allowed
     * @throws IllegalStateException    if a block with that name exists already; the message names it
     * @throws MpException              if the operating system refuses to create or map the block
     */
    SharedMemory sharedMemory(String name, long size);

    /**
     * Attaches this process to an existing shared-memory block, made by any process on this machine.
     *
     * @param name the block's name, as {@link SharedMemory#name()} gives it
     * @return the block, attached to this process; {@link SharedMemory#size()} is its size
     * @throws NullPointerException            if {@code name} is null
     * @throws IllegalArgumentException        if the name is not allowed (see {@link #sharedMemory(String, long)}),
     *                                         or names one of mp4j's own files rather than a block
     * @throws java.util.NoSuchElementException if no block has that name
     * @throws MpException                     if the operating system refuses to map the block
     */
    SharedMemory attachSharedMemory(String name);

    /**
     * Starts a manager process (Python's {@code Manager()}): a daemon child of this process that serves objects
     * on a Unix domain socket in a folder only this user can enter, under this process tree's authkey, until
     * {@link Manager#shutdown()} or the end of this process. Returns once the manager is ready.
     *
     * @throws IllegalStateException if this context is closed
     * @throws MpException           if the manager process could not be started
     */
    Manager manager();

    /**
     * Listens for connections at {@code address} (Python's {@code connection.Listener}).
     *
     * @param address {@code tcp://HOST:PORT} (port 0 for any free port) or {@code unix:/path/to/socket}
     * @param authkey the key every peer must prove it holds
     * @throws IllegalArgumentException if the address is malformed or the key empty
     * @throws MpException              if it cannot listen there
     */
    Listener listen(String address, byte[] authkey);

    /**
     * Connects to a {@link Listener} (Python's {@code connection.Client}).
     *
     * @return a duplex connection; end of stream when the peer closes it or dies
     * @throws IllegalArgumentException if the address is malformed or the key empty
     * @throws AuthenticationException  if the listener does not hold {@code authkey}
     * @throws MpException              if nothing answers there within two seconds
     */
    Connection connect(String address, byte[] authkey);

    /**
     * Closes the pipes and queues this context made in this process; other processes then see those objects
     * as gone. Terminates the pools it made, as {@link Pool#terminate()} does: their workers and results live on
     * this context's links, so each then refuses work with {@link IllegalStateException}. Ends its spare JVMs.
     * Objects in shared memory (locks and the other synchronization objects, shared values and arrays, shared
     * memory) are not closed: they last until the root process of the tree ends. Running children are not
     * stopped. Idempotent. Later calls to the factories throw {@link IllegalStateException}.
     */
    @Override
    void close();
}
