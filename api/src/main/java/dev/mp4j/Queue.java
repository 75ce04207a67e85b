package dev.mp4j;

import java.io.Serializable;
import java.time.Duration;

/**
 * A multi-producer, multi-consumer FIFO queue shared by processes: Python's {@code multiprocessing.Queue},
 * with the method names of {@link java.util.concurrent.BlockingQueue}.
 *
 * <p>Each item is delivered exactly once, to one consumer; the items of one producer keep their order.
 * Items are encoded in {@code put}, so an item that cannot be serialized fails there
 * ({@link IllegalArgumentException}) and takes no slot. {@code null} is refused ({@link NullPointerException}).
 *
 * <p>A {@code put} may return before the item reaches the queue (Python's feeder thread does the same), but a
 * producer's items are never lost when it ends or is joined, and {@link Process#start()} first flushes the
 * starting process's pending puts. {@link #size()}, {@link #isEmpty()} and {@link #isFull()} are exact at the
 * moment of the call on a transport that keeps queue items itself (below), and approximate on the others: they
 * may lag puts still in flight.
 *
 * <p><b>Room.</b> A bounded queue ({@code maxsize > 0}) has room for {@code maxsize} items. An unbounded one has room
 * for any number of items but not for any number of bytes: once it holds the high-water mark of unread bytes
 * ({@code -Dmp4j.highWaterBytes}, 64 MiB by default; see {@link dev.mp4j.spi.HighWaterMark}), a producer waits
 * in {@code put}, and {@code offer} says there is no room, until consumers take some. That bounds the memory a
 * fast producer can make a slow consumer's side hold, where Python's feeder thread would buffer without end. On
 * a transport that serves queues from their owner, the mark counts the unread bytes put through each {@code Queue}
 * object of another process, and the owner's own puts are bounded by its own memory only. One item larger than
 * the mark still goes in when the queue is empty (over links: when at most half that producer's share is used).
 * Unlike Python's, then, a program that puts more than the mark before any consumer runs waits in {@code put}:
 * start the consumers first, or use a bounded queue.
 *
 * <p>Where the queue lives depends on the transport. On a transport that keeps queue items itself (its
 * native-queue capability, {@link dev.mp4j.spi.NativeQueues}: shared memory, a journal), every process that holds
 * the queue puts and takes directly, and the queue lives for as long as any process holds it, as Python's does. On
 * the others (sockets: {@code netty}) it lives in the process that created it, and other processes reach it
 * through that process: if it ends, their operations fail with {@link MpException}. Either way, a queue captured
 * by a task or sent through a pipe or queue re-attaches to the same queue.
 *
 * <p>When a process dies (even by SIGKILL): the items it had put are in the queue, whole, for the others; an item
 * it was putting at that moment is there whole or not at all; an item it was taking at that moment may be lost
 * (at most that one); and nothing it held (a lock inside the queue, a slot of a bounded queue) blocks the
 * others.
 *
 * <p>Memory consistency effects: as with {@link java.util.concurrent.BlockingQueue}, actions in a process
 * prior to placing an object into a {@code Queue} happen-before actions subsequent to the take or poll that
 * removes that element, in this or any other process. The element removed is a copy, encoded in {@code put}
 * or {@code offer}: changes made to the original afterwards do not reach the consumer. Across processes the
 * effect reaches what the consumer can see: the element itself, and shared memory (see the
 * {@linkplain dev.mp4j package summary}).
 *
 * @param <E> the element type
 */
public interface Queue<E> extends AutoCloseable, Serializable {
    /**
     * Inserts an item, waiting for room if there is none (see Room, above).
     *
     * @throws NullPointerException     if the item is null
     * @throws IllegalArgumentException if the item cannot be serialized
     * @throws IllegalStateException    if this process closed the queue
     * @throws InterruptedException     if interrupted while waiting (the item is then not inserted)
     */
    void put(E e) throws InterruptedException;

    /**
     * Inserts an item if there is room now.
     *
     * @return true if inserted
     * @throws NullPointerException     if the item is null
     * @throws IllegalArgumentException if the item cannot be serialized
     * @throws IllegalStateException    if this process closed the queue
     */
    boolean offer(E e);

    /**
     * Inserts an item, waiting at most {@code timeout} for room.
     *
     * @return true if inserted, false if the time ran out
     * @throws InterruptedException if interrupted while waiting (the item is then not inserted)
     */
    boolean offer(E e, Duration timeout) throws InterruptedException;

    /**
     * Removes the next item, waiting for one.
     *
     * @throws InterruptedException if interrupted while waiting (no item is lost)
     * @throws MpException          if the item cannot be decoded here (it is consumed)
     */
    E take() throws InterruptedException;

    /** @return the next item, or null if the queue is empty now */
    E poll();

    /**
     * @return the next item, or null if none arrived within {@code timeout}
     * @throws InterruptedException if interrupted while waiting (no item is lost)
     */
    E poll(Duration timeout) throws InterruptedException;

    /** @return the number of items in the queue; approximate across processes */
    int size();

    /** @return whether the queue is empty; approximate across processes */
    boolean isEmpty();

    /** @return whether a bounded queue is full; always false for an unbounded one */
    boolean isFull();

    /**
     * Says that this process will put no more items: later puts from this process throw
     * {@link IllegalStateException}. Items already put are delivered; other processes are unaffected.
     * Python's {@code Queue.close()}. Idempotent.
     */
    @Override
    void close();
}
