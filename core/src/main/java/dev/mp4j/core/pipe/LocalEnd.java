package dev.mp4j.core.pipe;

import dev.mp4j.runtime.Token;

/** A copy of a pipe end in the process that owns the pipe: it works on the {@link PipeState} directly. */
final class LocalEnd implements End {
    private final PipeState pipe;
    private final int end;
    private volatile boolean closed;

    LocalEnd(PipeState pipe, int end) {
        this.pipe = pipe;
        this.end = end;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Connection is closed");
        }
    }

    @Override
    public boolean contextClosed() {
        return pipe.node.isClosed();
    }

    @Override
    public int maxMessageBytes() {
        return pipe.node.maxItemBytes();
    }

    @Override
    public void send(byte[] payload) {
        pipe.send(end, payload);
    }

    @Override
    public byte[] receive(int maxLength) throws InterruptedException {
        return pipe.receive(end, maxLength, this::checkOpen);
    }

    @Override
    public boolean poll(long timeoutNanos) throws InterruptedException {
        return pipe.poll(end, timeoutNanos, this::checkOpen);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            pipe.detachLocal(end);
        }
    }

    @Override
    public Token token() {
        return pipe.token(end);
    }

    @Override
    public void addListener(Runnable r) {
        pipe.addListener(end, r);
    }

    @Override
    public void removeListener(Runnable r) {
        pipe.removeListener(end, r);
    }
}
