package dev.mp4j.core.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ClassDataArchiveTest {
    private static final List<String> FLAGS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED");

    @TempDir
    Path tmp;

    private String jars(String... names) throws IOException {
        StringBuilder cp = new StringBuilder();
        for (String n : names) {
            Path jar = tmp.resolve(n);
            if (!Files.exists(jar)) {
                Files.write(jar, new byte[] {'P', 'K', 5, 6});
            }
            cp.append(cp.length() == 0 ? "" : File.pathSeparator).append(jar);
        }
        return cp.toString();
    }

    @Test
    void aTrainedArchiveIsPrivateAndNamedOnlyOnceItExists() throws IOException {
        Path folder = tmp.resolve("cache").resolve("cds");
        ClassDataArchive a = ClassDataArchive.forChildren(FLAGS, jars("a.jar", "b.jar"), folder);
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(folder));
        assertEquals(List.of(), a.useFlags(), "an absent archive must not be named: that also turns off the JDK's own");
        assertTrue(a.needsTraining());
        ClassDataArchive.Training run = a.startTraining();
        String dump = run.flags().get(0);
        assertTrue(dump.startsWith("-XX:ArchiveClassesAtExit=" + folder), dump);
        Path written = Path.of(dump.substring(dump.indexOf('=') + 1));
        Files.write(written, new byte[] {1, 2, 3});
        run.finish(0);
        assertFalse(Files.exists(written));
        Path archive = a.file().orElseThrow();
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(archive));
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"), a.useFlags());
        assertFalse(a.needsTraining());
    }

    @Test
    void anArchiveOthersMayWriteIsNeverUsed() throws IOException {
        Path folder = tmp.resolve("cds");
        ClassDataArchive a = ClassDataArchive.forChildren(FLAGS, jars("a.jar"), folder);
        Path archive = a.file().orElseThrow();
        Files.write(archive, new byte[] {1});
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertEquals(List.of(), a.useFlags(), "a file anyone could have written must not be mapped as code");
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-------"));
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"), a.useFlags());
    }

    @Test
    void aFailedTrainingLeavesNothing() throws IOException {
        Path folder = tmp.resolve("cds");
        ClassDataArchive a = ClassDataArchive.forChildren(FLAGS, jars("a.jar"), folder);
        ClassDataArchive.Training run = a.startTraining();
        String dump = run.flags().get(0);
        Files.write(Path.of(dump.substring(dump.indexOf('=') + 1)), new byte[] {1});
        run.finish(1);
        try (var in = Files.list(folder)) {
            assertEquals(0, in.count());
        }
        assertTrue(a.needsTraining());
    }

    @Test
    void aClassPathWithAFolderOfClassesGetsNoArchive() throws IOException {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Files.write(classes.resolve("A.class"), new byte[] {1});
        ClassDataArchive a = ClassDataArchive.forChildren(FLAGS, jars("a.jar") + File.pathSeparator + classes, tmp.resolve("cds"));
        assertTrue(a.file().isEmpty());
        assertFalse(a.needsTraining());
        assertEquals(List.of(), a.useFlags());
    }

    @Test
    void theNameChangesWithAJarTheFlagsOrTheClassPathOrder() throws IOException {
        Path folder = tmp.resolve("cds");
        String cp = jars("a.jar", "b.jar");
        Path first = ClassDataArchive.forChildren(FLAGS, cp, folder).file().orElseThrow();
        assertEquals(first, ClassDataArchive.forChildren(FLAGS, cp, folder).file().orElseThrow());
        assertNotEquals(first, ClassDataArchive.forChildren(List.of(), cp, folder).file().orElseThrow());
        assertNotEquals(first, ClassDataArchive.forChildren(FLAGS, jars("b.jar", "a.jar"), folder).file().orElseThrow());
        Files.setLastModifiedTime(tmp.resolve("a.jar"), FileTime.fromMillis(1_000_000));
        assertNotEquals(first, ClassDataArchive.forChildren(FLAGS, cp, folder).file().orElseThrow(),
                "a rebuilt jar must not use the archive of the old one");
    }

    @Test
    void aFolderOthersCanWriteIsTightenedAndOneOfAnotherUserIsRefused() throws IOException {
        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        ClassDataArchive.forChildren(FLAGS, jars("a.jar"), open);
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(open));

        Path theirs = Files.createDirectory(tmp.resolve("theirs"));
        try {
            Files.setAttribute(theirs, "unix:uid", 65534);
        } catch (IOException e) {
            assumeTrue(false, "only root can give a folder to another user here: " + e);
        }
        ClassDataArchive refused = ClassDataArchive.forChildren(FLAGS, jars("a.jar"), theirs);
        assertTrue(refused.file().isEmpty(), "an archive is code: another user's folder must not be trusted");
        assertEquals(List.of(), refused.useFlags());
        IOException e = assertThrows(IOException.class, () -> ClassDataArchive.checkedFolder(theirs));
        assertTrue(e.getMessage().contains("belongs to user 65534"), e.getMessage());

        Path link = tmp.resolve("link");
        Files.createSymbolicLink(link, open);
        assertThrows(IOException.class, () -> ClassDataArchive.checkedFolder(link));
    }

    /** A jar holding only {@link ArchiveProbe}: the JVM archives classes from jars, not from folders. */
    private Path probeJar() throws IOException {
        String entry = ArchiveProbe.class.getName().replace('.', '/') + ".class";
        Path jar = tmp.resolve("probe.jar");
        try (InputStream in = ArchiveProbe.class.getClassLoader().getResourceAsStream(entry);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    private static String run(List<String> flags, Path jar) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ChildCommand.javaBinary());
        cmd.addAll(flags);
        cmd.addAll(List.of("-cp", jar.toString(), ArchiveProbe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM did not end: " + cmd);
        assertEquals(0, p.exitValue(), cmd + " printed:\n" + out);
        return out;
    }

    /** The whole path with real JVMs: a training run writes an archive, and a JVM started with it maps its classes. */
    @Test
    void aTrainingRunMakesAnArchiveThatANewJvmMaps() throws Exception {
        Path jar = probeJar();
        ClassDataArchive a = ClassDataArchive.forChildren(List.of(), jar.toString(), tmp.resolve("cds"));
        ClassDataArchive.Training training = a.startTraining();
        run(training.flags(), jar);
        training.finish(0);
        assertFalse(a.needsTraining(), "the training run left no archive");

        List<String> flags = new ArrayList<>(a.useFlags());
        assertFalse(flags.isEmpty());
        flags.add("-Xlog:class+load=info");
        String loaded = run(flags, jar);
        assertTrue(loaded.lines().anyMatch(l -> l.contains(ArchiveProbe.class.getName() + " source: shared objects file")),
                "the probe's class was not mapped from the archive:\n" + loaded);
    }
}
