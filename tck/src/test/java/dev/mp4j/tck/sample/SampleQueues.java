package dev.mp4j.tck.sample;

import dev.mp4j.spi.NativePipe;
import dev.mp4j.spi.NativeQueue;
import dev.mp4j.spi.NativeQueues;

import java.io.IOException;

/** The sample transport's native-queue capability: queues and pipes in {@link SampleFile}s. Thread-safe. */
final class SampleQueues implements NativeQueues {
    @Override
    public NativeQueue createQueue(int capacity, boolean joinable) throws IOException {
        SampleFile file = create(SampleFile.QUEUE, capacity, joinable, false);
        hold(file, SampleFile.HOLDER);
        return new SampleQueue(file);
    }

    @Override
    public NativeQueue attachQueue(String name) throws IOException {
        return attachQueue(name, 0);
    }

    /** A ticket that is not there is a copy of a token attached already: no error, as the SPI says. */
    @Override
    public NativeQueue attachQueue(String name, long ticket) throws IOException {
        SampleFile file = SampleFile.attach(name, SampleFile.QUEUE);
        file.lock();
        try {
            if (file.gone()) {
                throw new IOException(name + " is gone: every process that held it let go");
            }
            file.addHolder(SampleFile.HOLDER); // the holder first, then the ticket: never unheld between
            if (ticket != 0) {
                file.removeTicket(ticket);
            }
        } finally {
            file.unlock();
        }
        return new SampleQueue(file);
    }

    @Override
    public NativePipe[] createPipe(boolean duplex) throws IOException {
        SampleFile file = create(SampleFile.PIPE, 0, false, duplex);
        hold(file, 0);
        hold(file, 1);
        return new NativePipe[] {new SamplePipe(file, 0), new SamplePipe(file, 1)};
    }

    /**
     * A ticket that is not there is a copy of a token attached already (one encoding decoded twice): no error while
     * the end is still open, as the SPI says; an end that has no open copy left has ended for good.
     */
    @Override
    public NativePipe attachPipe(String name, int end, long ticket) throws IOException {
        SampleFile file = SampleFile.attach(name, SampleFile.PIPE);
        file.lock();
        try {
            if (file.gone() || !file.removeTicket(ticket) && file.holders(end) == 0) {
                throw new IOException("the copy of pipe " + name + " with ticket " + ticket
                        + " was already attached or released and its end has ended, or the pipe is gone");
            }
            file.addHolder(end);
        } finally {
            file.unlock();
        }
        return new SamplePipe(file, end);
    }

    private static SampleFile create(int kind, int capacity, boolean joinable, boolean duplex) throws IOException {
        try {
            return SampleFile.create(kind, capacity, joinable, duplex);
        } catch (RuntimeException e) {
            throw new IOException("cannot make a sample " + (kind == SampleFile.QUEUE ? "queue" : "pipe") + ": " + e.getMessage(), e);
        }
    }

    /** Counts one more holder in this process, refusing a queue or pipe whose last holder just let go. */
    private static void hold(SampleFile file, int end) throws IOException {
        file.lock();
        try {
            if (file.gone()) {
                throw new IOException(file.name() + " is gone: every process that held it let go");
            }
            file.addHolder(end);
        } finally {
            file.unlock();
        }
    }
}
