package dev.mp4j.core;

import dev.mp4j.Lock;
import dev.mp4j.Pipe;
import dev.mp4j.Queue;
import dev.mp4j.SharedLong;
import dev.mp4j.Task;
import dev.mp4j.core.codec.Codec;
import dev.mp4j.core.pipe.PipeTokens;
import dev.mp4j.core.queue.QueueTokens;

import java.io.Serial;
import java.util.List;
import java.util.Objects;

/**
 * The task a spare JVM runs before it has one: what a child's first task does, once, so that what the task will need
 * is loaded and connected before it arrives. Decoding it decodes lambdas, too; running it makes a pipe and
 * sends a message through it, uses a shared value and a lock as a task would, and puts this JVM's pid on its parent's
 * queue, which connects to the parent over the transport and tells it that this spare is warm.
 * Not a record: see {@code dev.mp4j.runtime.Token}.
 */
final class SpareWarmup implements Task {
    @Serial
    private static final long serialVersionUID = 2L;
    private final Queue<Object> ready;
    private final List<Task> lambdas;
    private final SharedLong value;
    private final Lock lock;

    /**
     * @param ready   the parent's queue of warm spares
     * @param lambdas lambdas that capture nothing, an object and a number, decoded as a task's are: each shape takes a
     *                path of its own through the lambda factory the first time
     * @param value   a shared value of the parent's, only for warm-ups: attaching it loads what every shared object needs
     * @param lock    a lock of the parent's, only for warm-ups
     */
    SpareWarmup(Queue<Object> ready, List<Task> lambdas, SharedLong value, Lock lock) {
        this.ready = ready;
        this.lambdas = lambdas;
        this.value = value;
        this.lock = lock;
    }

    static SpareWarmup reportingTo(Queue<Object> ready, SharedLong value, Lock lock) {
        String word = "warm";
        int number = 1;
        return new SpareWarmup(ready, List.of(() -> { }, () -> word.hashCode(), () -> Integer.hashCode(number),
                () -> Objects.hash(word, number, ready), () -> value.incrementAndGet()), value, lock);
    }

    @Override
    public void run() throws Exception {
        for (Task t : lambdas) {
            t.run();
        }
        if (lock.tryLock()) { // another spare may be warming up with it: never wait
            lock.unlock();
        }
        Pipe pipe = PipeTokens.newPipe(QueueTokens.nodeOf(ready), false);
        pipe.right().send(List.of("warm", 1L, new byte[8]));
        Codec.decode(Codec.encode(pipe.left().recv()));
        pipe.right().close();
        pipe.left().close();
        ready.put(ProcessHandle.current().pid());
    }
}
