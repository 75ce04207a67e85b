package dev.mp4j.examples;

import dev.mp4j.Context;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;
import dev.mp4j.SharedMemory;

import java.nio.ByteBuffer;

/**
 * A block of raw shared memory, attached by name: Python's {@code shared_memory} example.
 * <pre>{@code
 * from multiprocessing import shared_memory
 * shm_a = shared_memory.SharedMemory(create=True, size=10)
 * buffer = shm_a.buf
 * buffer[:4] = bytearray([22, 33, 44, 55])
 * shm_b = shared_memory.SharedMemory(shm_a.name)
 * import array
 * array.array('b', shm_b.buf[:5])          # array('b', [22, 33, 44, 55, 0])
 * shm_b.buf[:5] = b'howdy'
 * bytes(shm_a.buf[:5])                     # b'howdy'
 * shm_b.close()
 * shm_a.close()
 * shm_a.unlink()
 * }</pre>
 * Here the second attachment is in a child process, which finds the block by its name alone. There is no
 * resource tracker to fight: a process that only attaches never unlinks, and the block would be unlinked
 * when this program ends even without {@code unlink()}.
 */
public final class SharedMemoryBlock {
    private SharedMemoryBlock() {}

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        Context mp = Multiprocessing.context();
        SharedMemory shmA = mp.sharedMemory(10);
        ByteBuffer buffer = shmA.buffer();
        buffer.put(0, new byte[] {22, 33, 44, 55});

        String name = shmA.name();
        Process p = mp.process(() -> {
            SharedMemory shmB = Multiprocessing.context().attachSharedMemory(name);
            byte[] first5 = new byte[5];
            shmB.buffer().get(0, first5);
            System.out.println(java.util.Arrays.toString(first5));  // [22, 33, 44, 55, 0]
            shmB.buffer().put(0, "howdy".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            shmB.close();
        }).start();
        p.join();

        byte[] back = new byte[5];
        shmA.buffer().get(0, back);
        String howdy = new String(back, java.nio.charset.StandardCharsets.US_ASCII);
        System.out.println(howdy);                                     // howdy
        shmA.close();
        shmA.unlink();
        if (!howdy.equals("howdy")) {
            throw new IllegalStateException("the child's write did not arrive: " + howdy);
        }
    }
}
