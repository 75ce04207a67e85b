package dev.mp4j.shm;

import dev.mp4j.Barrier;
import dev.mp4j.Condition;
import dev.mp4j.Event;
import dev.mp4j.Lock;
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

import java.time.Duration;

/**
 * Makes the objects that live in shared memory: the lock family, events, barriers, shared values and arrays,
 * and raw shared memory. The runtime's {@code Context} delegates its factories here; they need no
 * transport. Each object is one small file in {@code /dev/shm}, registered for clean-up when the process
 * tree's root ends (see the module's README-level notes in {@code package-info}).
 */
public final class SharedObjects {
    private SharedObjects() {
    }

    /**
     * Joins (or, in a root process, founds) this JVM's process tree for shared-memory clean-up. Call before
     * starting a child, so that the child inherits the tree through the {@code mp4j.*} system properties.
     *
     * @return the tree's id
     */
    public static String joinTree() {
        return Tree.id();
    }

    public static Lock lock() {
        return ShmLock.create();
    }

    public static RLock rlock() {
        return ShmRLock.create();
    }

    public static Semaphore semaphore(int permits) {
        return ShmSemaphore.create(permits, false);
    }

    public static Semaphore boundedSemaphore(int permits) {
        return ShmSemaphore.create(permits, true);
    }

    public static Event event() {
        return ShmEvent.create();
    }

    public static Condition condition() {
        return ShmCondition.create(ShmRLock.create());
    }

    public static Condition condition(Lock lock) {
        return ShmCondition.create(lock);
    }

    public static Barrier barrier(int parties, Task action, Duration timeout) {
        return ShmBarrier.create(parties, action, timeout);
    }

    public static SharedInt sharedInt(int initial) {
        return ShmInt.create(initial);
    }

    public static SharedLong sharedLong(long initial) {
        return ShmLong.create(initial);
    }

    public static SharedDouble sharedDouble(double initial) {
        return ShmDouble.create(initial);
    }

    public static SharedIntArray sharedIntArray(int length) {
        return ShmIntArray.create(length);
    }

    public static SharedIntArray sharedIntArrayOf(int... values) {
        return ShmIntArray.of(values);
    }

    public static SharedLongArray sharedLongArray(int length) {
        return ShmLongArray.create(length);
    }

    public static SharedLongArray sharedLongArrayOf(long... values) {
        return ShmLongArray.of(values);
    }

    public static SharedDoubleArray sharedDoubleArray(int length) {
        return ShmDoubleArray.create(length);
    }

    public static SharedDoubleArray sharedDoubleArrayOf(double... values) {
        return ShmDoubleArray.of(values);
    }

    public static SharedMemory sharedMemory(long size) {
        return ShmBlock.create(Names.generate(), size);
    }

    public static SharedMemory sharedMemory(String name, long size) {
        Names.checkUserName(name);
        return ShmBlock.create(name, size);
    }

    public static SharedMemory attachSharedMemory(String name) {
        Names.checkAttachable(name);
        return ShmBlock.attach(name);
    }
}
