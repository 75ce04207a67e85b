package dev.mp4j.transport.shm;

import dev.mp4j.spi.NativePipe;
import dev.mp4j.spi.NativeQueue;
import dev.mp4j.spi.NativeQueues;

import java.io.IOException;

/** The shm transport's queues and pipes: {@link Channel}s in the shared-memory folder. Thread-safe and stateless. */
final class ShmQueues implements NativeQueues {
    @Override
    public NativeQueue createQueue(int capacity, boolean joinable) throws IOException {
        Channel c = create(ChannelLayout.QUEUE, capacity, joinable, false);
        c.hold(ChannelLayout.QUEUE_HOLDER, 0);
        return new ShmQueue(c);
    }

    @Override
    public NativeQueue attachQueue(String name) throws IOException {
        return attachQueue(name, 0);
    }

    @Override
    public NativeQueue attachQueue(String name, long ticket) throws IOException {
        Channel c = Channel.attach(name, ChannelLayout.QUEUE);
        c.hold(ChannelLayout.QUEUE_HOLDER, ticket);
        return new ShmQueue(c);
    }

    @Override
    public NativePipe[] createPipe(boolean duplex) throws IOException {
        Channel c = create(ChannelLayout.PIPE, 0, false, duplex);
        c.hold(0, 0);
        c.hold(1, 0);
        return new NativePipe[] {new ShmPipe(c, 0), new ShmPipe(c, 1)};
    }

    @Override
    public NativePipe attachPipe(String name, int end, long ticket) throws IOException {
        if (end != 0 && end != 1) {
            throw new IOException("a pipe has ends 0 and 1, not " + end);
        }
        Channel c = Channel.attach(name, ChannelLayout.PIPE);
        c.hold(end, ticket);
        return new ShmPipe(c, end);
    }

    static Channel create(int kind, int capacity, boolean joinable, boolean duplex) throws IOException {
        try {
            return Channel.create(kind, capacity, joinable, duplex);
        } catch (RuntimeException e) {
            throw new IOException("cannot make an shm " + (kind == ChannelLayout.QUEUE ? "queue" : "pipe") + " in "
                    + dev.mp4j.shm.MappedSegment.folder() + ": " + e.getMessage(), e);
        }
    }
}
