package dev.mp4j.core.pool;

import dev.mp4j.Connection;
import dev.mp4j.RemoteException;
import dev.mp4j.core.codec.Codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.Serial;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;

/**
 * The pool's protocol. Jobs go from the pool to one worker, as byte frames over a one-way pipe the worker
 * owns; outcomes come back from every worker on one queue the pool owns, as byte frames too, except
 * {@link Ready}, which carries the worker's pipe end. Frames keep a {@code map} chunk of numbers or strings on
 * {@link Codec}'s fast paths instead of Java serialization; the task itself is serialized once per
 * submission and its bytes reused for every chunk.
 *
 * <pre>
 * job      [JOB][id:8][cell:4][work id:8][work length:4][work][items, or nothing for a callable]
 * stop     [STOP]
 * done     [DONE][slot:4][id:8][value]
 * failed   [FAILED][slot:4][id:8][RemoteFailure, Java-serialized]   id -1: the initializer failed
 * retiring [RETIRING][slot:4][worker:8]
 * </pre>
 * {@code work}, {@code items} and {@code value} are {@link Codec} encodings. Every chunk of one {@code map}
 * carries the same work id, so a worker deserializes the function once per submission, not once per chunk.
 */
final class PoolMessage {
    static final byte JOB = 1;
    static final byte STOP = 2;
    static final byte DONE = 3;
    static final byte FAILED = 4;
    static final byte RETIRING = 5;

    static final byte[] STOP_FRAME = {STOP};
    static final int HEAD = 1 + 4 + 8;

    private PoolMessage() {
    }

    /** Worker → pool: ready for jobs, which go to {@code jobs}. Not a record: see {@link dev.mp4j.runtime.Token}. */
    static final class Ready implements Serializable {
        @Serial
        private static final long serialVersionUID = 3L;
        private final int slot;
        private final long worker;
        private final Connection jobs;

        Ready(int slot, long worker, Connection jobs) {
            this.slot = slot;
            this.worker = worker;
            this.jobs = jobs;
        }

        int slot() {
            return slot;
        }

        /** @return the worker's number, which names it among the workers its slot has had */
        long worker() {
            return worker;
        }

        Connection jobs() {
            return jobs;
        }
    }

    static byte[] job(long id, int cell, long workId, byte[] work, byte[] items) {
        int n = items == null ? 0 : items.length;
        return ByteBuffer.allocate(1 + 8 + 4 + 8 + 4 + work.length + n).put(JOB).putLong(id).putInt(cell).putLong(workId)
                .putInt(work.length).put(work).put(items == null ? new byte[0] : items).array();
    }

    static byte[] outcome(byte kind, int slot, long id, byte[] body) {
        return ByteBuffer.allocate(HEAD + body.length).put(kind).putInt(slot).putLong(id).put(body).array();
    }

    /**
     * The id field carries the worker's number, so that a late notice cannot stop the worker that replaced it: not its
     * pid, which the workers of a thread-backed pool share.
     */
    static byte[] retiring(int slot, long worker) {
        return ByteBuffer.allocate(HEAD).put(RETIRING).putInt(slot).putLong(worker).array();
    }

    /**
     * An exception as it travels: serialized on its own, so that one that cannot be deserialized here still
     * arrives, as its stack trace in text.
     */
    static final class RemoteFailure implements Serializable {
        @Serial
        private static final long serialVersionUID = 2L;
        private final byte[] serialized;
        private final String trace;

        RemoteFailure(byte[] serialized, String trace) {
            this.serialized = serialized;
            this.trace = trace;
        }

        byte[] serialized() {
            return serialized;
        }

        String trace() {
            return trace;
        }

        static RemoteFailure of(Throwable t) {
            StringWriter sw = new StringWriter();
            t.printStackTrace(new PrintWriter(sw));
            byte[] bytes;
            try {
                bytes = serialize(t);
            } catch (IOException | RuntimeException e) {
                bytes = null;
            }
            return new RemoteFailure(bytes, sw.toString());
        }

        byte[] toBytes() {
            try {
                return serialize(this);
            } catch (IOException e) {
                return toBytesWithoutException();
            }
        }

        private byte[] toBytesWithoutException() {
            try {
                return serialize(new RemoteFailure(null, trace));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        static RemoteFailure fromBytes(byte[] b, int offset) {
            try (ObjectInputStream in = Codec.objectInputStream(new ByteArrayInputStream(b, offset, b.length - offset))) {
                return (RemoteFailure) in.readObject();
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                return new RemoteFailure(null, "(the failure could not be read: " + e + ")");
            }
        }

        /**
         * @param worker the worker it came from, as the message says it
         * @return the exception itself, or if it does not deserialize here, a {@link RemoteException} with its
         *         stack trace
         */
        Throwable toThrowable(String worker) {
            Throwable t = exception();
            if (t != null) {
                return t;
            }
            return new RemoteException("a task failed in " + worker
                    + "; its exception cannot be deserialized here. Remote stack trace:\n" + trace);
        }

        /** @return the exception itself, or null if it does not deserialize here */
        private Throwable exception() {
            if (serialized == null) {
                return null;
            }
            try (ObjectInputStream in = Codec.objectInputStream(new ByteArrayInputStream(serialized))) {
                return (Throwable) in.readObject();
            } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
                return null;
            }
        }

        private static byte[] serialize(Object o) throws IOException {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            try (ObjectOutputStream out = Codec.objectOutputStream(bo)) {
                out.writeObject(o);
            }
            return bo.toByteArray();
        }
    }

    /** A task's failure as {@code apply}, {@code map} and {@code imap} throw it: a {@link RemoteException} whose cause it is. */
    static RuntimeException asRemote(Throwable failure) {
        if (failure instanceof RemoteException r) {
            return r;
        }
        if (failure instanceof CancellationException c) {
            return c;
        }
        return new RemoteException("a task failed in the pool: " + failure, failure);
    }
}
