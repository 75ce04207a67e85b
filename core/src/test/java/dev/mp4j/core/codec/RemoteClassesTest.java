package dev.mp4j.core.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loader a process keeps for the classes of one source is kept while any of its classes is in use, and let go
 * once none is: a long-lived process that receives a class from each of many short-lived sources (a pool worker whose
 * parent makes a class per job) must not keep every loader and class it ever had.
 */
@Timeout(60)
class RemoteClassesTest {
    private static final String NAME = "made.Fetched";
    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void aSourcesLoaderIsKeptWhileItsClassIsInUseAndLetGoOnceItIsNot(@TempDir Path dir) throws Exception {
        CountingSource source = new CountingSource(compile(dir));
        String annotation = "test|" + System.nanoTime() + "|1|1";
        Class<?> held = RemoteClasses.load(source, annotation, NAME);
        assertEquals("mp4j-fetched", held.getClassLoader().getName(), "the class came from the class path");
        WeakReference<ClassLoader> loader = new WeakReference<>(held.getClassLoader());

        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertSame(held.getClassLoader(), loader.get(), "the loader of a class in use was let go");
        assertSame(held, RemoteClasses.load(source, annotation, NAME), "a class in use was defined again");
        assertEquals(1, source.fetches.get(), "a class in use was fetched again");
        assertTrue(RemoteClasses.keepsLoaderOf(annotation));

        held = null;
        assertTrue(letGoWithin(loader, BOUND), "the loader of a class no longer in use was kept " + BOUND.toSeconds()
                + " s after its class was dropped");
        loadOnce(source, "test|" + System.nanoTime() + "|1|2"); // another source's load removes the cleared entry
        assertFalse(RemoteClasses.keepsLoaderOf(annotation), "the entry of a loader let go was kept");

        assertEquals(NAME, loadOnce(source, annotation), "a class of a source whose loader was let go did not load");
        assertEquals(3, source.fetches.get(), "a source whose loader was let go did not get a new one");
    }

    /** @return the class's name; in a method of its own, so that no frame of the test holds the class */
    private static String loadOnce(ClassSource source, String annotation) throws ClassNotFoundException {
        return RemoteClasses.load(source, annotation, NAME).getName();
    }

    private static boolean letGoWithin(WeakReference<?> ref, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        return ref.get() == null;
    }

    /** @return the class file of {@link #NAME}, compiled now: no class path of this JVM holds it */
    private static byte[] compile(Path dir) throws Exception {
        Path file = Files.writeString(Files.createDirectories(dir.resolve("src")).resolve("Fetched.java"),
                "package made; public class Fetched implements java.io.Serializable { }\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK");
        assertEquals(0, javac.run(null, null, null, "-d", dir.resolve("classes").toString(), file.toString()));
        return Files.readAllBytes(dir.resolve("classes/made/Fetched.class"));
    }

    /** A source that serves one class file, as another process would, and counts how often it was asked. */
    private static final class CountingSource implements ClassSource {
        private final byte[] file;
        private final AtomicInteger fetches = new AtomicInteger();

        CountingSource(byte[] file) {
            this.file = file;
        }

        @Override
        public String annotate(Class<?> type) {
            return "";
        }

        @Override
        public Class<?> ownClass(String annotation, String name) {
            return null;
        }

        @Override
        public byte[] classFile(String annotation, String name) {
            fetches.incrementAndGet();
            return file.clone();
        }
    }
}
