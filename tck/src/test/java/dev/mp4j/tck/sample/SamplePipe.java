package dev.mp4j.tck.sample;

import dev.mp4j.shm.BackoffIdleStrategy;
import dev.mp4j.spi.NativePipe;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@link NativePipe} copy in a {@link SampleFile}: ring {@code e} holds the messages to end {@code e}, and the file
 * counts each end's open copies, so that a reader sees the end once the other end has none left.
 */
final class SamplePipe implements NativePipe {
    private final SampleFile file;
    private final int end;
    private volatile boolean closed;

    /** A new open copy of {@code end}, counted in the file by the caller. */
    SamplePipe(SampleFile file, int end) {
        this.file = file;
        this.end = end;
    }

    @Override
    public String name() {
        return file.name();
    }

    @Override
    public int end() {
        return end;
    }

    @Override
    public boolean duplex() {
        return file.duplex();
    }

    @Override
    public boolean send(byte[] message) {
        int to = 1 - end;
        SampleFile.Prepared p = SampleFile.prepare(message);
        BackoffIdleStrategy idle = SampleFile.idle();
        try {
            while (true) {
                file.lock();
                try {
                    if (file.openCopies(to) == 0) {
                        return false;
                    }
                    if (file.append(to, p)) {
                        p = null;
                        return true;
                    }
                } finally {
                    file.unlock();
                }
                try {
                    SampleFile.pause(idle, Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    // send does not wait for readers by contract; a full sample ring is the sample's limit
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        } finally {
            if (p != null) {
                SampleFile.discard(p);
            }
        }
    }

    @Override
    public byte[] receive(long timeoutNanos, int maxLength) throws InterruptedException {
        long deadline = SampleFile.deadline(timeoutNanos);
        BackoffIdleStrategy idle = SampleFile.idle();
        while (!closed) {
            int head = file.headLength(end);
            if (head > maxLength) {
                return null;
            }
            if (head >= 0) {
                SampleFile.Removed r;
                file.lock();
                try {
                    r = file.remove(end, maxLength);
                } finally {
                    file.unlock();
                }
                if (r != null) {
                    return SampleFile.take(r);
                }
                continue;
            }
            if (isEnded() || timeoutNanos == 0 || !SampleFile.pause(idle, deadline)) {
                return null;
            }
        }
        return null;
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) throws InterruptedException {
        long deadline = SampleFile.deadline(timeoutNanos);
        BackoffIdleStrategy idle = SampleFile.idle();
        while (!closed && file.headLength(end) < 0 && !isEnded()) {
            if (timeoutNanos == 0 || !SampleFile.pause(idle, deadline)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int headLength() {
        return file.headLength(end);
    }

    @Override
    public boolean isEnded() {
        file.lock();
        try {
            return file.headLength(end) < 0 && file.openCopies(1 - end) == 0;
        } finally {
            file.unlock();
        }
    }

    @Override
    public long depart() {
        long ticket;
        do {
            ticket = ThreadLocalRandom.current().nextLong();
        } while (ticket == 0);
        file.lock();
        try {
            file.addTicket(ticket, end);
        } finally {
            file.unlock();
        }
        return ticket;
    }

    @Override
    public void release(long ticket) {
        file.lock();
        try {
            file.removeTicket(ticket);
        } finally {
            file.unlock();
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            file.lock();
            try {
                file.removeCopy(end);
            } finally {
                file.unlock();
            }
        }
    }
}
