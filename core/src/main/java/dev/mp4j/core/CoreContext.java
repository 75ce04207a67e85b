package dev.mp4j.core;

import dev.mp4j.Connection;
import dev.mp4j.Listener;
import dev.mp4j.Manager;
import dev.mp4j.Multiprocessing;
import dev.mp4j.core.manager.ManagerProcess;
import dev.mp4j.core.pipe.SocketConnections;

import dev.mp4j.Barrier;
import dev.mp4j.Condition;
import dev.mp4j.Context;
import dev.mp4j.Event;
import dev.mp4j.JoinableQueue;
import dev.mp4j.Lock;
import dev.mp4j.Pipe;
import dev.mp4j.Pool;
import dev.mp4j.PoolOptions;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.RLock;
import dev.mp4j.Semaphore;
import dev.mp4j.SharedDouble;
import dev.mp4j.SharedDoubleArray;
import dev.mp4j.SharedInt;
import dev.mp4j.SharedIntArray;
import dev.mp4j.SharedLong;
import dev.mp4j.SharedLongArray;
import dev.mp4j.SharedMemory;
import dev.mp4j.Task;
import dev.mp4j.core.link.Node;
import dev.mp4j.core.pipe.PipeTokens;
import dev.mp4j.core.pool.PoolHost;
import dev.mp4j.core.pool.PoolImpl;
import dev.mp4j.core.process.ChildProcess;
import dev.mp4j.core.process.Launch;
import dev.mp4j.core.process.ProcessTree;
import dev.mp4j.core.process.ThreadProcess;
import dev.mp4j.core.process.Spares;
import dev.mp4j.core.queue.QueueTokens;
import dev.mp4j.shm.SharedObjects;
import dev.mp4j.spi.TransportProvider;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The {@link Context} of one transport in this JVM: its {@link Node}, and the factories of every object. The shared
 * instance ({@link CoreRuntime#shared}) lives until closed or JVM exit. The thread-backed context
 * ({@link dev.mp4j.Multiprocessing#THREADS}, {@link CoreRuntime#threads}) is one of these whose processes are
 * {@linkplain ThreadProcess threads}: everything else, its pools and managers too (they start their workers and
 * servers through {@link #process}), is the transport's own.
 */
final class CoreContext implements Context, PoolHost {
    private final TransportProvider provider;
    private final ProcessTree tree;
    private final Node node;
    private final Launch launch;
    private final Consumer<CoreContext> onClose;
    private final boolean threads;
    private final AtomicBoolean sparesPrestarted = new AtomicBoolean();
    private volatile Queue<Object> warmSpares;
    /** The pools made here, terminated when this context closes; weakly held, so a dropped pool is not kept. */
    private final Set<PoolImpl> pools = Collections.newSetFromMap(new WeakHashMap<>());
    // guarded by this
    private SharedLong warmValue;
    private Lock warmLock;
    private volatile boolean closed;

    /**
     * @param beforeChildStarts what to do before each child of this context starts (see {@link Launch})
     * @param onClose           told once, when this context closes
     * @param threads           whether its processes are threads of this JVM
     */
    CoreContext(TransportProvider provider, ProcessTree tree, Runnable beforeChildStarts, Consumer<CoreContext> onClose,
                boolean threads) {
        this.provider = provider;
        this.tree = tree;
        this.node = new Node(provider, tree::authkey);
        PipeTokens.serveOn(node);
        QueueTokens.serveOn(node);
        Spares spares = new Spares(tree, provider.name(), provider.childJvmArgs(), beforeChildStarts,
                this::spareWarmup, () -> warmSpares == null ? null : warmSpares.poll());
        this.launch = new Launch(provider.name(), provider.childJvmArgs(), beforeChildStarts, spares);
        this.onClose = onClose;
        this.threads = threads;
    }

    /**
     * Starts the warm spares of a root's context, once: the root's first start is the one every user sees. Only when
     * the application asks for the context, not when this process opens it to resolve an object it was sent, nor for
     * the thread-backed context, which starts no JVM.
     */
    void prestartSpares() {
        if (!threads && tree.parent().isEmpty() && sparesPrestarted.compareAndSet(false, true)) {
            launch.spares().prestart();
        }
    }

    /**
     * The warm-up task of a spare. What it uses is made with the first spare and kept: the queue warm spares report
     * on, and a shared value and lock of this context's own, never the user's.
     */
    private synchronized SpareWarmup spareWarmup() {
        if (warmSpares == null) {
            warmValue = SharedObjects.sharedLong(0);
            warmLock = SharedObjects.lock();
            warmSpares = QueueTokens.newQueue(node, 0, false);
        }
        return SpareWarmup.reportingTo(warmSpares, warmValue, warmLock);
    }

    Node node() {
        return node;
    }

    boolean isClosed() {
        return closed;
    }

    void flush() {
        node.flush();
    }

    /** Ends this context's spares and starts no more; at exit, before the children are waited for. */
    void stopSpares() {
        launch.spares().close();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this mp4j context is closed; call Multiprocessing.context() for a new one");
        }
    }

    @Override
    public String transport() {
        return threads ? Multiprocessing.THREADS : provider.name();
    }

    @Override
    public Process process(Task target) {
        Objects.requireNonNull(target, "target");
        checkOpen();
        return threads ? new ThreadProcess(tree, target, launch.beforeStart()) : new ChildProcess(tree, launch, target);
    }

    @Override
    public <E> Queue<E> queue() {
        return queue(0);
    }

    @Override
    public <E> Queue<E> queue(int maxsize) {
        checkOpen();
        return QueueTokens.newQueue(node, maxsize, true);
    }

    @Override
    public <E> Queue<E> resultQueue() {
        checkOpen();
        return QueueTokens.newQueue(node, 0, false);
    }

    @Override
    public <E> JoinableQueue<E> joinableQueue() {
        return joinableQueue(0);
    }

    @Override
    public <E> JoinableQueue<E> joinableQueue(int maxsize) {
        checkOpen();
        return QueueTokens.newJoinableQueue(node, maxsize);
    }

    @Override
    public Pipe pipe() {
        return pipe(true);
    }

    @Override
    public Pipe pipe(boolean duplex) {
        checkOpen();
        return PipeTokens.newPipe(node, duplex);
    }

    @Override
    public Pool pool(int processes) {
        return pool(PoolOptions.of(processes));
    }

    @Override
    public Pool pool(PoolOptions options) {
        Objects.requireNonNull(options, "options");
        checkOpen();
        PoolImpl pool = new PoolImpl(this, options);
        synchronized (pools) {
            pools.add(pool);
        }
        return pool;
    }

    @Override
    public Lock lock() {
        checkOpen();
        return SharedObjects.lock();
    }

    @Override
    public RLock rlock() {
        checkOpen();
        return SharedObjects.rlock();
    }

    @Override
    public Semaphore semaphore(int permits) {
        checkOpen();
        return SharedObjects.semaphore(permits);
    }

    @Override
    public Semaphore boundedSemaphore(int permits) {
        checkOpen();
        return SharedObjects.boundedSemaphore(permits);
    }

    @Override
    public Event event() {
        checkOpen();
        return SharedObjects.event();
    }

    @Override
    public Condition condition() {
        checkOpen();
        return SharedObjects.condition();
    }

    @Override
    public Condition condition(Lock lock) {
        checkOpen();
        return SharedObjects.condition(lock);
    }

    @Override
    public Barrier barrier(int parties) {
        return barrier(parties, null, null);
    }

    @Override
    public Barrier barrier(int parties, Task action, Duration timeout) {
        checkOpen();
        return SharedObjects.barrier(parties, action, timeout);
    }

    @Override
    public SharedInt sharedInt(int initial) {
        checkOpen();
        return SharedObjects.sharedInt(initial);
    }

    @Override
    public SharedLong sharedLong(long initial) {
        checkOpen();
        return SharedObjects.sharedLong(initial);
    }

    @Override
    public SharedDouble sharedDouble(double initial) {
        checkOpen();
        return SharedObjects.sharedDouble(initial);
    }

    @Override
    public SharedIntArray sharedIntArray(int length) {
        checkOpen();
        return SharedObjects.sharedIntArray(length);
    }

    @Override
    public SharedIntArray sharedIntArrayOf(int... values) {
        checkOpen();
        return SharedObjects.sharedIntArrayOf(values);
    }

    @Override
    public SharedLongArray sharedLongArray(int length) {
        checkOpen();
        return SharedObjects.sharedLongArray(length);
    }

    @Override
    public SharedLongArray sharedLongArrayOf(long... values) {
        checkOpen();
        return SharedObjects.sharedLongArrayOf(values);
    }

    @Override
    public SharedDoubleArray sharedDoubleArray(int length) {
        checkOpen();
        return SharedObjects.sharedDoubleArray(length);
    }

    @Override
    public SharedDoubleArray sharedDoubleArrayOf(double... values) {
        checkOpen();
        return SharedObjects.sharedDoubleArrayOf(values);
    }

    @Override
    public SharedMemory sharedMemory(long size) {
        checkOpen();
        return SharedObjects.sharedMemory(size);
    }

    @Override
    public SharedMemory sharedMemory(String name, long size) {
        checkOpen();
        return SharedObjects.sharedMemory(name, size);
    }

    @Override
    public SharedMemory attachSharedMemory(String name) {
        checkOpen();
        return SharedObjects.attachSharedMemory(name);
    }

    @Override
    public Manager manager() {
        checkOpen();
        return ManagerProcess.start(this);
    }

    @Override
    public Listener listen(String address, byte[] authkey) {
        checkOpen();
        return SocketConnections.listen(address, authkey);
    }

    @Override
    public Connection connect(String address, byte[] authkey) {
        checkOpen();
        return SocketConnections.connect(address, authkey);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.accept(this);
        launch.spares().close();
        List<PoolImpl> made;
        synchronized (pools) {
            made = List.copyOf(pools);
            pools.clear();
        }
        // their workers and results live on this context's links: a pool that outlived it would take work it
        // can never run
        made.forEach(PoolImpl::terminate);
        synchronized (this) {
            if (warmValue != null) {
                warmValue.close(); // the lock has no close: like every lock, it goes when the tree ends
            }
        }
        node.close();
    }

    @Override
    public String toString() {
        return "Context[" + (threads ? Multiprocessing.THREADS + " over " : "") + provider.name() + (closed ? ", closed" : "") + "]";
    }
}
