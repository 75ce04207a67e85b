package dev.mp4j.shm;

import dev.mp4j.Event;
import dev.mp4j.Lock;
import dev.mp4j.Semaphore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Helpers shared by the tests of this module. */
final class TestSupport {
    private TestSupport() {
    }

    static byte[] serialize(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Object deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends Serializable> T roundTrip(T o) {
        return (T) deserialize(serialize(o));
    }

    static String toBase64(Serializable o) {
        return Base64.getEncoder().encodeToString(serialize(o));
    }

    static Object fromBase64(String s) {
        return deserialize(Base64.getDecoder().decode(s));
    }

    /**
     * The one factor every time bound of these tests is multiplied by (a bound that says "promptly", not a timeout
     * that only guards against a hang): {@code -Dmp4j.test.slack}, 3 by default, as in the TCK, so that a loaded
     * two-core machine meets them. Speed is measured in the benchmarks, never here.
     */
    static final int SLACK = Integer.getInteger("mp4j.test.slack", 3);

    /** @return {@code millis} times {@link #SLACK} */
    static long slack(long millis) {
        return millis * SLACK;
    }

    /** @return {@code bound} times {@link #SLACK} */
    static Duration slack(Duration bound) {
        return bound.multipliedBy(SLACK);
    }

    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Runs {@code c} in a new (daemon) thread. */
    static <T> CompletableFuture<T> async(Callable<T> c) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "test-async");
        t.setDaemon(true);
        t.start();
        return f;
    }

    static CompletableFuture<Void> asyncRun(ThrowingRunnable r) {
        return async(() -> {
            r.run();
            return null;
        });
    }

    /** The result of {@code f}, failing the test if it does not complete in {@code timeout}. */
    static <T> T get(CompletableFuture<T> f, Duration timeout) throws Exception {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (TimeoutException e) {
            return fail("did not complete within " + timeout);
        }
    }

    /** The exception {@code f} completed with, failing the test if it completes normally or too late. */
    static Throwable failure(CompletableFuture<?> f, Duration timeout) throws InterruptedException {
        try {
            Object v = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return fail("expected an exception, got " + v);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return fail("did not complete within " + timeout);
        }
    }

    /** Polls until {@code cond} holds, failing the test after {@code timeout}. */
    static void awaitTrue(BooleanSupplier cond, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cond.getAsBoolean()) {
            assertTrue(System.nanoTime() - deadline < 0, "timed out waiting for " + what);
            Thread.sleep(1);
        }
    }

    /**
     * Waits until {@code n} threads, in any process, sleep in {@code e}'s {@code await}: past the point where a set
     * could pass them unseen. Proves what a sleep would only hope for.
     */
    static void awaitSleepers(Event e, int n) throws InterruptedException {
        ShmEvent event = (ShmEvent) e;
        awaitTrue(() -> event.sleepers() >= n, Duration.ofSeconds(60), n + " threads asleep in await");
    }

    /** As {@link #awaitSleepers(Event, int)}, for threads asleep waiting for a lock. */
    static void awaitSleepers(Lock lock, int n) throws InterruptedException {
        LockCore core = ((BaseLock) lock).core;
        awaitTrue(() -> core.sleepers() >= n, Duration.ofSeconds(60), n + " threads asleep waiting for the lock");
    }

    /** As {@link #awaitSleepers(Event, int)}, for threads asleep in a semaphore's acquire. */
    static void awaitSleepers(Semaphore s, int n) throws InterruptedException {
        ShmSemaphore semaphore = (ShmSemaphore) s;
        awaitTrue(() -> semaphore.sleepers() >= n, Duration.ofSeconds(60), n + " threads asleep in acquire");
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
