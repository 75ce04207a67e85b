package dev.mp4j.core.process;

import dev.mp4j.MpException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, launch anywhere: under {@code mvn exec:java} (or an IDE's runner) the application's classes come from a
 * class loader, and {@code java.class.path} is the launcher's; a child given only that could not find mp4j or the
 * task and exited 1, with no exception in the parent.
 */
class ChildClassPathTest {
    @Test
    void theClassPathHoldsWhatTheContextClassLoaderLoadsFromAndMp4jItself(@TempDir Path appClasses) throws Exception {
        Thread me = Thread.currentThread();
        ClassLoader before = me.getContextClassLoader();
        try (URLClassLoader app = new URLClassLoader(new URL[] {appClasses.toUri().toURL()}, before)) {
            me.setContextClassLoader(app);
            List<String> entries = List.of(ChildClassPath.current().split(File.pathSeparator));
            assertTrue(entries.contains(appClasses.toAbsolutePath().normalize().toString()), entries.toString());
            String runtime = Path.of(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().normalize().toString();
            assertTrue(entries.contains(runtime), entries.toString());
            assertEquals(entries.size(), entries.stream().distinct().count(), "no entry twice: " + entries);
            ChildClassPath.check(ChildClassPath.current());
        } finally {
            me.setContextClassLoader(before);
        }
    }

    @Test
    void aUrlTheContextClassLoaderAddsLaterIsOnTheClassPathAndAnotherLoaderGetsItsOwn(@TempDir Path dir) throws Exception {
        Thread me = Thread.currentThread();
        ClassLoader before = me.getContextClassLoader();
        String first = dir.resolve("first").toAbsolutePath().normalize().toString();
        String later = dir.resolve("later").toAbsolutePath().normalize().toString();
        try (Growing app = new Growing(dir.resolve("first").toUri().toURL(), before)) {
            me.setContextClassLoader(app);
            List<String> entries = List.of(ChildClassPath.current().split(File.pathSeparator));
            assertTrue(entries.contains(first) && !entries.contains(later), entries.toString());
            app.add(dir.resolve("later").toUri().toURL());
            entries = List.of(ChildClassPath.current().split(File.pathSeparator));
            assertTrue(entries.contains(first) && entries.contains(later), "a URL added since was left out: " + entries);
            me.setContextClassLoader(before);
            entries = List.of(ChildClassPath.current().split(File.pathSeparator));
            assertTrue(!entries.contains(first) && !entries.contains(later), "another loader's URLs stayed: " + entries);
        } finally {
            me.setContextClassLoader(before);
        }
    }

    /** A loader that adds URLs as it goes, as JShell's does for {@code /env --class-path}. */
    private static final class Growing extends URLClassLoader {
        Growing(URL url, ClassLoader parent) {
            super(new URL[] {url}, parent);
        }

        void add(URL url) {
            addURL(url);
        }
    }

    @Test
    void mp4jClasspathReplacesItAndAClassPathWithoutTheRuntimeFailsBeforeAJvmIsSpent() throws Exception {
        String before = System.getProperty(ChildClassPath.PROPERTY);
        try {
            System.setProperty(ChildClassPath.PROPERTY, "/nowhere/app.jar");
            assertEquals("/nowhere/app.jar", ChildClassPath.current());
            MpException e = assertThrows(MpException.class, () -> ChildCommand.of(List.of(), ChildCommand.classPath()));
            assertTrue(e.getMessage().contains("does not hold mp4j's runtime"), e.getMessage());
            assertTrue(e.getMessage().contains("-Dmp4j.classpath"), e.getMessage());
            // a folder of jars holds the runtime if its jar is in it, as java -cp dir/* has it
            Path runtime = Path.of(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            ChildClassPath.check("/nowhere" + File.pathSeparator + runtime.getParent() + File.separator + "*");
            assertThrows(MpException.class, () -> ChildClassPath.check("\0bad" + File.pathSeparator + "/nowhere/*"));
        } finally {
            if (before == null) {
                System.clearProperty(ChildClassPath.PROPERTY);
            } else {
                System.setProperty(ChildClassPath.PROPERTY, before);
            }
        }
    }
}
