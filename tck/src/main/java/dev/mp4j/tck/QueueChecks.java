package dev.mp4j.tck;

import dev.mp4j.Process;
import dev.mp4j.Queue;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the queue suites ({@link QueueContract}, {@link QueueCapacityContract}, {@link QueueWaitContract}) share: how
 * long they wait, how they take an item or wait for work while watching the processes that should provide it, how they
 * start and finish processes, how they time a call, and the item types and samples that cross processes.
 */
final class QueueChecks {
    /** How long a test waits for something another process should do. Generous: the machine may be loaded. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A user type that crosses processes by Java serialization. */
    record Point(String name, int x, List<String> tags) implements Serializable {}

    /** A class that cannot be serialized. */
    static final class Unserializable {
        @Override
        public String toString() {
            return "Unserializable";
        }
    }

    /** A serializable class holding one that is not. */
    static final class Holder implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        @SuppressWarnings({"unused", "serial"})
        private final Object inner = new Unserializable();
    }

    private QueueChecks() {}

    /** Takes the next item, failing (early) if a watched process died with a non-zero exit code first. */
    @SuppressWarnings("unchecked")
    static <T> T next(Queue<?> q, Process... watched) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Object item = q.poll(Duration.ofMillis(100));
            if (item != null) {
                return (T) item;
            }
            for (Process p : watched) {
                OptionalInt code = p.exitCode();
                if (code.isPresent() && code.getAsInt() != 0) {
                    fail(p.name() + " ended with exit code " + code.getAsInt() + " before sending what the test waits for (see its stderr)");
                }
            }
            if (System.nanoTime() > deadline) {
                fail("nothing arrived within " + PATIENCE.toSeconds() + " s");
            }
        }
    }

    /** Waits for work on a thread of this process, failing (early) if a watched process died first. */
    static <T> T await(FutureTask<T> f, Process... watched) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                return f.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                for (Process p : watched) {
                    OptionalInt code = p.exitCode();
                    if (code.isPresent() && code.getAsInt() != 0) {
                        fail(p.name() + " ended with exit code " + code.getAsInt() + " (see its stderr)");
                    }
                }
                if (System.nanoTime() > deadline) {
                    fail("not done within " + PATIENCE.toSeconds() + " s");
                }
            }
        }
    }

    /** Waits for each process to end and checks that it succeeded. */
    static void finish(Process... ps) throws InterruptedException {
        for (Process p : ps) {
            if (!p.join(Duration.ofSeconds(60))) {
                p.kill();
                fail(p.name() + " did not end within a minute");
            }
            assertEquals(OptionalInt.of(0), p.exitCode(), p.name() + " failed (see its stderr)");
        }
    }

    static Process[] startAll(Process... ps) {
        for (Process p : ps) {
            p.start();
        }
        return ps;
    }

    /** Runs {@code work} on a daemon thread of this process. */
    static <T> FutureTask<T> background(String name, Callable<T> work) {
        FutureTask<T> f = new FutureTask<>(work);
        Thread t = new Thread(f, name);
        t.setDaemon(true);
        t.start();
        return f;
    }

    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    static void assertTookAbout(long expectedMillis, long actualMillis, String what) {
        assertTrue(actualMillis >= expectedMillis - 10, what + " returned early: after " + actualMillis + " ms of " + expectedMillis);
        assertTrue(actualMillis < expectedMillis + 3_000, what + " returned far too late: after " + actualMillis + " ms of " + expectedMillis);
    }

    /** The items of {@link QueueContract#itemsOfManyTypesRoundTrip()}; the child builds the same ones to compare. */
    static List<Object> samples() {
        List<Object> mutable = new ArrayList<>(List.of("a", 1, 2L, 3.5));
        return List.of(
                "h\u00e9llo w\u00f6rld \u4f60\u597d \uD83D\uDE00",
                "",
                "lone \uD800 surrogate",
                42,
                Integer.MIN_VALUE,
                Long.MAX_VALUE,
                Math.PI,
                Double.NaN,
                -0.0,
                new byte[] {0, 1, -128, 127},
                new byte[0],
                new int[] {1, -2, Integer.MAX_VALUE},
                new long[] {Long.MIN_VALUE, 0, 7},
                new double[] {1.5, Double.NaN, -0.0, Double.NEGATIVE_INFINITY},
                mutable,
                List.of("x", "y"),
                new Point("p\u00e4", 3, List.of("t1", "\uD83D\uDE80")));
    }

    static void assertSameItem(Object expected, Object actual, String where) {
        if (expected instanceof List) {
            assertInstanceOf(List.class, actual, where);
        } else {
            assertEquals(expected.getClass(), actual.getClass(), where);
        }
        assertTrue(Objects.deepEquals(expected, actual), where + ": expected " + show(expected) + " but got " + show(actual));
    }

    private static String show(Object o) {
        return o instanceof Object[] a ? Arrays.deepToString(a)
                : o instanceof byte[] b ? Arrays.toString(b)
                : o instanceof int[] i ? Arrays.toString(i)
                : o instanceof long[] l ? Arrays.toString(l)
                : o instanceof double[] d ? Arrays.toString(d)
                : String.valueOf(o);
    }
}
