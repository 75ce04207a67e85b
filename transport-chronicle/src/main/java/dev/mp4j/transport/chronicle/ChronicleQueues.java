package dev.mp4j.transport.chronicle;

import dev.mp4j.shm.HolderTable;
import dev.mp4j.spi.NativePipe;
import dev.mp4j.spi.NativeQueue;
import dev.mp4j.spi.NativeQueues;

import java.io.IOException;

/**
 * The chronicle transport's queues and pipes: {@link Store}s whose items are documents of Chronicle queues that
 * every process reads directly. A name that starts with {@value Store#DURABLE_PREFIX} is a durable queue
 * ({@link DurableQueues}). Thread-safe and stateless.
 */
final class ChronicleQueues implements NativeQueues {
    @Override
    public NativeQueue createQueue(int capacity, boolean joinable) throws IOException {
        Store s = Store.create(StoreLayout.QUEUE, capacity, joinable, false);
        s.table.hold(HolderTable.HANDLE, 0);
        return new ChronicleQueue(s);
    }

    @Override
    public NativeQueue attachQueue(String name) throws IOException {
        return attachQueue(name, 0);
    }

    @Override
    public NativeQueue attachQueue(String name, long ticket) throws IOException {
        if (name.startsWith(Store.DURABLE_PREFIX)) {
            return new ChronicleQueue(Store.openDurable(name));
        }
        Store s = Store.attach(name, StoreLayout.QUEUE);
        s.table.hold(HolderTable.HANDLE, ticket);
        return new ChronicleQueue(s);
    }

    @Override
    public NativePipe[] createPipe(boolean duplex) throws IOException {
        Store left = Store.create(StoreLayout.PIPE, 0, false, duplex);
        left.table.hold(0, 0);
        left.table.hold(1, 0);
        // a store object per end, so that closing one end leaves the other's journals open
        Store right = Store.attach(left.name, StoreLayout.PIPE);
        return new NativePipe[] {new ChroniclePipe(left, 0), new ChroniclePipe(right, 1)};
    }

    @Override
    public NativePipe attachPipe(String name, int end, long ticket) throws IOException {
        if (end != 0 && end != 1) {
            throw new IOException("a pipe has ends 0 and 1, not " + end);
        }
        Store s = Store.attach(name, StoreLayout.PIPE);
        s.table.hold(end, ticket);
        return new ChroniclePipe(s, end);
    }
}
