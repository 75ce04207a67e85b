package dev.mp4j.tck.sample;

import dev.mp4j.shm.BackoffIdleStrategy;
import dev.mp4j.spi.NativePipe;

import java.util.concurrent.TimeUnit;

/**
 * A {@link NativePipe} copy in a {@link SampleFile}: ring {@code e} holds the messages to end {@code e}, and the file
 * counts each end's open copies, so that a reader sees the end once the other end has none left. The last copy to
 * close removes the files.
 */
final class SamplePipe implements NativePipe {
    /** How often a waiting reader asks whether the pipe ended: that takes the lock and checks liveness. */
    private static final long ENDED_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SampleFile file;
    private final int end;
    private volatile boolean closed;

    /** A new open copy of {@code end}, already counted in the file by the caller. */
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

    /** Never waits, whatever the other end holds: {@link #awaitWritable} is the wait, for callers that may. */
    @Override
    public boolean send(byte[] message) {
        int to = 1 - end;
        SampleFile.Prepared p = SampleFile.prepare(message);
        file.lock();
        try {
            if (file.holders(to) > 0 && file.append(to, p)) {
                p = null;
                return true;
            }
            return false;
        } finally {
            file.unlock();
            if (p != null) {
                SampleFile.discard(p);
            }
        }
    }

    @Override
    public byte[] receive(long timeoutNanos, int maxLength) throws InterruptedException {
        long deadline = SampleFile.deadline(timeoutNanos);
        BackoffIdleStrategy idle = SampleFile.idle();
        long nextEndedCheck = System.nanoTime();
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
            if (System.nanoTime() - nextEndedCheck >= 0) {
                if (isEnded()) {
                    return null;
                }
                nextEndedCheck = System.nanoTime() + ENDED_CHECK_NANOS;
            }
            if (timeoutNanos == 0 || !SampleFile.pause(idle, deadline)) {
                return null;
            }
        }
        return null;
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) throws InterruptedException {
        long deadline = SampleFile.deadline(timeoutNanos);
        BackoffIdleStrategy idle = SampleFile.idle();
        long nextEndedCheck = System.nanoTime();
        while (!closed && file.headLength(end) < 0) {
            if (System.nanoTime() - nextEndedCheck >= 0) {
                if (isEnded()) {
                    return true;
                }
                nextEndedCheck = System.nanoTime() + ENDED_CHECK_NANOS;
            }
            if (timeoutNanos == 0 || !SampleFile.pause(idle, deadline)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean awaitWritable(long timeoutNanos) throws InterruptedException {
        long deadline = SampleFile.deadline(timeoutNanos);
        BackoffIdleStrategy idle = SampleFile.idle();
        long nextEndedCheck = System.nanoTime();
        while (!closed && file.aboveHighWater(1 - end)) {
            if (System.nanoTime() - nextEndedCheck >= 0) {
                if (otherEndGone()) {
                    return true;
                }
                nextEndedCheck = System.nanoTime() + ENDED_CHECK_NANOS;
            }
            if (timeoutNanos == 0 || !SampleFile.pause(idle, deadline)) {
                return false;
            }
        }
        return true;
    }

    private boolean otherEndGone() {
        file.lock();
        try {
            return file.holders(1 - end) == 0;
        } finally {
            file.unlock();
        }
    }

    @Override
    public int headLength() {
        return file.headLength(end);
    }

    @Override
    public boolean isEnded() {
        file.lock();
        try {
            return file.headLength(end) < 0 && file.holders(1 - end) == 0;
        } finally {
            file.unlock();
        }
    }

    @Override
    public long depart() {
        return file.depart(end);
    }

    @Override
    public void release(long ticket) {
        file.lock();
        try {
            file.removeTicket(ticket);
            unlinkIfUnheld();
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
                file.removeHolder(end);
                unlinkIfUnheld();
            } finally {
                file.unlock();
            }
        }
    }

    /** Under the lock: once no live process holds a copy of either end (nor one in flight), nobody can use it. */
    private void unlinkIfUnheld() {
        if (!file.gone() && file.holders(0) == 0 && file.holders(1) == 0) {
            file.unlinkAll(2);
        }
    }
}
