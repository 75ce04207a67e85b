package dev.mp4j.tck;

import dev.mp4j.Pool;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.SerializableFunction;
import dev.mp4j.Task;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A class that is on no class path, as a lambda typed into JShell or a class a program makes at run time, works in
 * another process: the process that cannot find it fetches its class file from the process that sent it, over the
 * tree's authenticated link. The classes here are compiled while the test runs and defined by a loader that, like
 * JShell's, has them only in memory (and serves their class files as resources); the children's class path does not
 * hold them. They go to a child as its task, to a pool as its function, and, through a queue, to a child that was
 * started before they existed; two loaders' classes of one name stay apart, and an object that comes back is of the
 * class it left as. Turned off ({@code mp4j.fetchClasses=false}), the child says it cannot find the class.
 */
public abstract class ClassFetchContract extends TransportContract {
    private static final String PACKAGE = "made.at.runtime";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** @return a new object of the class of that simple name in {@link #PACKAGE}, made with its no-argument constructor */
    @SuppressWarnings("unchecked")
    private static <T> T newInstance(ClassLoader made, String simpleName) throws ReflectiveOperationException {
        return (T) made.loadClass(PACKAGE + "." + simpleName).getConstructor().newInstance();
    }

    @Test
    void aTaskOfAClassOnNoClassPathRunsInAChild(@TempDir Path dir) throws Exception {
        ClassLoader made = compile(dir);
        try (Queue<String> out = mp().queue()) {
            Task greeter = (Task) made.loadClass(PACKAGE + ".Greeter").getConstructor(Queue.class).newInstance(out);
            Process p = mp().process(greeter).start();
            assertEquals("made at run time, with its helper", out.poll(PATIENCE), "the child did not run the task");
            assertTrue(p.join(PATIENCE));
            assertEquals(0, p.exitCode().orElseThrow());
        }
    }

    @Test
    void aPoolRunsAFunctionOfAClassOnNoClassPath(@TempDir Path dir) throws Exception {
        SerializableFunction<Integer, Integer> twice = newInstance(compile(dir), "Twice");
        try (Pool pool = mp().pool(2)) {
            assertEquals(List.of(2, 4, 6), pool.map(twice, List.of(1, 2, 3)));
        }
    }

    @Test
    void anObjectOfAClassOnNoClassPathCrossesAQueueToAChildStartedBefore(@TempDir Path dir) throws Exception {
        try (Queue<Object> in = mp().queue(); Queue<String> out = mp().queue()) {
            Process p = mp().process(() -> {
                out.put(String.valueOf(in.take()));
                out.put(String.valueOf(in.take()));
            }).start();
            // after the child started, nothing it had could know the classes; two loaders each define a Note
            ClassLoader first = compile(dir.resolve("first"));
            ClassLoader second = compile(dir.resolve("second"), "another note");
            in.put(newInstance(first, "Note"));
            in.put(newInstance(second, "Note"));
            assertEquals("a note made at run time", out.poll(PATIENCE), "the child did not read the object");
            assertEquals("another note", out.poll(PATIENCE), "the child took one loader's class for the other's");
            assertTrue(p.join(PATIENCE));
        }
    }

    @Test
    void anObjectOfSuchAClassThatComesBackIsOfTheSameClass(@TempDir Path dir) throws Exception {
        ClassLoader made = compile(dir);
        SerializableFunction<Integer, Object> maker = newInstance(made, "NoteMaker");
        try (Pool pool = mp().pool(1)) {
            Object note = pool.map(maker, List.of(1)).get(0);
            assertEquals(made.loadClass(PACKAGE + ".Note"), note.getClass(), "a second definition of the class came back");
        }
    }

    @Test
    void withFetchingOffTheChildSaysItCannotFindTheClass(@TempDir Path dir) throws Exception {
        ClassLoader made = compile(dir);
        try (Queue<String> out = mp().queue()) {
            Task greeter = (Task) made.loadClass(PACKAGE + ".Greeter").getConstructor(Queue.class).newInstance(out);
            Process p = mp().process(greeter).jvmArgs("-Dmp4j.fetchClasses=false").start();
            assertTrue(p.join(PATIENCE));
            assertEquals(1, p.exitCode().orElseThrow(), "the child ran a class it was not to fetch");
            assertNull(out.poll(), "the child ran a class it was not to fetch");
        }
    }

    private static ClassLoader compile(Path dir) throws IOException {
        return compile(dir, "a note made at run time");
    }

    /**
     * @param note what its {@code Note} says
     * @return a loader that holds the classes of {@link #SOURCES}, compiled now, in memory only
     */
    private static ClassLoader compile(Path dir, String note) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String[] args = new String[SOURCES.length / 2 + 4];
        args[0] = "-d";
        args[1] = classes.toString();
        args[2] = "-cp";
        args[3] = location(Task.class);
        for (int i = 0; i < SOURCES.length; i += 2) {
            Path file = src.resolve(SOURCES[i] + ".java");
            Files.writeString(file, "package " + PACKAGE + ";\n" + SOURCES[i + 1].replace("NOTE", note));
            args[4 + i / 2] = file.toString();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK");
        assertEquals(0, javac.run(null, null, null, args), "the classes made at run time did not compile");
        return new InMemoryLoader(classes, ClassFetchContract.class.getClassLoader());
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String[] SOURCES = {
        "Greeter", """
            public class Greeter implements dev.mp4j.Task {
                private final dev.mp4j.Queue<String> out;
                public Greeter(dev.mp4j.Queue<String> out) { this.out = out; }
                @Override public void run() throws Exception { out.put("made at run time, " + new Helper().words()); }
            }
            """,
        "Helper", """
            class Helper { String words() { return "with its helper"; } }
            """,
        "Twice", """
            public class Twice implements dev.mp4j.SerializableFunction<Integer, Integer> {
                @Override public Integer apply(Integer x) { return 2 * x; }
            }
            """,
        "Note", """
            public class Note implements java.io.Serializable {
                @Override public String toString() { return "NOTE"; }
            }
            """,
        "NoteMaker", """
            public class NoteMaker implements dev.mp4j.SerializableFunction<Integer, Object> {
                @Override public Object apply(Integer x) { return new Note(); }
            }
            """,
    };

    /**
     * Defines classes with no code source, as JShell's loader does, from class files that only it knows where to find
     * (the children's class path does not hold them), and serves those files as resources, as JShell's loader does.
     */
    private static final class InMemoryLoader extends ClassLoader {
        private final Path classes;

        InMemoryLoader(Path classes, ClassLoader parent) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Path file = classes.resolve(name.replace('.', '/') + ".class");
            if (!Files.isRegularFile(file)) {
                throw new ClassNotFoundException(name);
            }
            try {
                byte[] b = Files.readAllBytes(file);
                return defineClass(name, b, 0, b.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected URL findResource(String name) {
            Path file = classes.resolve(name);
            try {
                return Files.isRegularFile(file) ? file.toUri().toURL() : null;
            } catch (MalformedURLException e) {
                return null;
            }
        }
    }
}
