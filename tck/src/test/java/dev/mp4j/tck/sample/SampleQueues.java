package dev.mp4j.tck.sample;

import dev.mp4j.spi.NativePipe;
import dev.mp4j.spi.NativeQueue;
import dev.mp4j.spi.NativeQueues;

import java.io.IOException;

/** The sample transport's native-queue capability: queues and pipes in {@link SampleFile}s. Thread-safe. */
final class SampleQueues implements NativeQueues {
    @Override
    public NativeQueue createQueue(int capacity, boolean joinable) {
        return new SampleQueue(SampleFile.create(SampleFile.QUEUE, capacity, joinable, false));
    }

    @Override
    public NativeQueue attachQueue(String name) throws IOException {
        return new SampleQueue(SampleFile.attach(name, SampleFile.QUEUE));
    }

    @Override
    public NativePipe[] createPipe(boolean duplex) {
        SampleFile file = SampleFile.create(SampleFile.PIPE, 0, false, duplex);
        file.lock();
        try {
            file.addCopy(0);
            file.addCopy(1);
        } finally {
            file.unlock();
        }
        return new NativePipe[] {new SamplePipe(file, 0), new SamplePipe(file, 1)};
    }

    @Override
    public NativePipe attachPipe(String name, int end, long ticket) throws IOException {
        SampleFile file = SampleFile.attach(name, SampleFile.PIPE);
        file.lock();
        try {
            if (!file.removeTicket(ticket)) {
                throw new IOException("the copy of pipe " + name + " with ticket " + ticket
                        + " was already attached or released");
            }
            file.addCopy(end);
        } finally {
            file.unlock();
        }
        return new SamplePipe(file, end);
    }

    /** Nothing to release: the files live until the process tree's root ends. */
    void close() {
    }
}
