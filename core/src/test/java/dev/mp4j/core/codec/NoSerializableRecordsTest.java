package dev.mp4j.core.codec;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What mp4j sends between processes is never a record: Java serialization reads a record through method handles
 * that a new JVM must first spin, 35–50 ms here, and every cold child reads mp4j's tokens and tasks first (see
 * {@link dev.mp4j.runtime.Token}).
 */
class NoSerializableRecordsTest {

    @Test
    void noSerializableClassOfMp4jIsARecord() throws Exception {
        List<String> names = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    files.map(f -> p.relativize(f).toString()).filter(NoSerializableRecordsTest::isMp4jClass)
                            .forEach(names::add);
                }
            } else if (p.toString().endsWith(".jar")) {
                names.addAll(classesIn(p));
            }
        }
        assertTrue(names.stream().anyMatch(n -> n.contains("Token")) && names.stream().anyMatch(n -> n.contains("BarrierSpec")), "found only " + names.size() + " of mp4j's classes on " + System.getProperty("java.class.path"));
        List<String> records = new ArrayList<>();
        for (String n : names) {
            Class<?> c = Class.forName(n.substring(0, n.length() - ".class".length()).replace('/', '.').replace('\\', '.'),
                    false, getClass().getClassLoader());
            if (c.isRecord() && Serializable.class.isAssignableFrom(c)) {
                records.add(c.getName());
            }
        }
        assertEquals(List.of(), records, "serializable records: make them final classes");
    }

    private static boolean isMp4jClass(String path) {
        return path.endsWith(".class") && path.startsWith("dev" + File.separator + "mp4j") && !path.endsWith("Test.class")
                && !path.contains("module-info") && !path.contains("package-info");
    }

    private static List<String> classesIn(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = jf.entries(); e.hasMoreElements(); ) {
                String n = e.nextElement().getName();
                if (n.endsWith(".class") && n.startsWith("dev/mp4j/") && !n.contains("module-info")
                        && !n.contains("package-info")) {
                    names.add(n);
                }
            }
        }
        return names;
    }
}
