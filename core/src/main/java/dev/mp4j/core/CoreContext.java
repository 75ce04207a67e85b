package dev.mp4j.core;

import dev.mp4j.Barrier;
import dev.mp4j.Condition;
import dev.mp4j.Context;
import dev.mp4j.Event;
import dev.mp4j.JoinableQueue;
import dev.mp4j.Lock;
import dev.mp4j.Pool;
import dev.mp4j.PoolOptions;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Pipe;
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
import dev.mp4j.shm.SharedObjects;
import dev.mp4j.spi.TransportProvider;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link Context} of one transport in this JVM; the shared instance lives until closed or JVM exit. */
final class CoreContext implements Context {
    private static final Map<String, CoreContext> SHARED = new ConcurrentHashMap<>();

    private final TransportProvider provider;
    private final Node node;
    private volatile boolean closed;

    private CoreContext(TransportProvider provider) {
        this.provider = provider;
        this.node = new Node(provider);
    }

    static CoreContext shared(TransportProvider provider) {
        return SHARED.compute(provider.name(), (name, c) -> c == null || c.closed ? new CoreContext(provider) : c);
    }

    /** The node of a transport's shared context, for objects arriving from another process. */
    static Node nodeFor(String transport) {
        CoreContext c = SHARED.get(transport);
        if (c == null || c.closed) {
            c = (CoreContext) Multiprocessing.context(transport);
        }
        return c.node;
    }

    static void flushAll() {
        SHARED.values().forEach(c -> c.node.flush());
    }

    static void closeAll() {
        List.copyOf(SHARED.values()).forEach(CoreContext::close);
    }

    TransportProvider provider() {
        return provider;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this mp4j context is closed; call Multiprocessing.context() for a new one");
        }
    }

    @Override
    public String transport() {
        return provider.name();
    }

    @Override
    public Process process(Task target) {
        Objects.requireNonNull(target, "target");
        checkOpen();
        return new ChildProcess(this, target);
    }

    @Override
    public <E> Queue<E> queue() {
        return queue(0);
    }

    @Override
    public <E> Queue<E> queue(int maxsize) {
        checkOpen();
        return new PlainQueue<>(node.register(id -> new QueueState(node, id, Math.max(0, maxsize), false)));
    }

    /**
     * An unbounded queue whose local taker parks at once instead of spinning: for a pool's result thread,
     * which shares the CPUs with the workers it waits for.
     */
    <E> Queue<E> parkingQueue() {
        checkOpen();
        return new PlainQueue<>(node.register(id -> new QueueState(node, id, 0, false, false)));
    }

    @Override
    public <E> JoinableQueue<E> joinableQueue() {
        return joinableQueue(0);
    }

    @Override
    public <E> JoinableQueue<E> joinableQueue(int maxsize) {
        checkOpen();
        return new JoinableQueueImpl<>(node.register(id -> new QueueState(node, id, Math.max(0, maxsize), true)));
    }

    @Override
    public Pipe pipe() {
        return pipe(true);
    }

    @Override
    public Pipe pipe(boolean duplex) {
        checkOpen();
        PipeState state = node.register(id -> new PipeState(node, id, duplex));
        return new PipeImpl(new ConnectionImpl(new LocalEnd(state, 0), 0, duplex),
                new ConnectionImpl(new LocalEnd(state, 1), 1, duplex));
    }

    @Override
    public Pool pool(int processes) {
        return pool(PoolOptions.of(processes));
    }

    @Override
    public Pool pool(PoolOptions options) {
        java.util.Objects.requireNonNull(options, "options");
        checkOpen();
        return new PoolImpl(this, options);
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
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        SHARED.remove(provider.name(), this);
        node.close();
    }

    @Override
    public String toString() {
        return "Context[" + provider.name() + (closed ? ", closed" : "") + "]";
    }
}
