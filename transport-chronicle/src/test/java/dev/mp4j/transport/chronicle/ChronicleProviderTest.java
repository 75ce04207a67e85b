package dev.mp4j.transport.chronicle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider in JVMs of the user's making: flags named when missing, and nothing said or written when present. */
@Timeout(120)
class ChronicleProviderTest {
    @TempDir
    Path home;

    @Test
    void aJvmWithoutChroniclesFlagsIsToldExactlyWhichAreMissing() throws Exception {
        String opened = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
        String out = run(List.of(opened), "probe");
        assertTrue(out.startsWith("refused: "), out);
        assertTrue(out.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), out);
        assertTrue(out.contains("--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"), out);
        assertFalse(out.contains(opened), "named a flag the JVM has: " + out);
    }

    @Test
    void withItsFlagsItRunsAChildAndSaysAndWritesNothingOfItsOwn() throws Exception {
        String out = run(new ChronicleTransportProvider().childJvmArgs().stream()
                .filter(a -> a.startsWith("--")).toList(), "run");
        // no SLF4J warnings, no Chronicle banner or analytics notice: only the program's own line
        assertEquals("took from the child", out.strip());
        // mp4j's own class-data archive goes to ~/.cache/mp4j (the README's "Fast start"); nothing else may
        Path ours = home.resolve(".cache").resolve("mp4j");
        try (Stream<Path> files = Files.walk(home)) {
            assertEquals(List.of(), files.filter(f -> !f.equals(home) && !f.equals(ours.getParent())
                    && !f.startsWith(ours)).toList(), "written to the user's home");
        }
    }

    @Test
    void childrenGetTheFlagsAndTheQuietProperties() {
        List<String> args = new ChronicleTransportProvider().childJvmArgs();
        assertTrue(args.containsAll(JvmFlags.required()), args.toString());
        assertTrue(args.contains("-Dchronicle.analytics.disable=true"), args.toString());
        assertTrue(args.contains("-Dbackground.releaser=false"), args.toString());
    }

    /** Runs {@link ChroniclePeer} with only {@code flags}, a home of its own; returns stdout and stderr together. */
    private String run(List<String> flags, String mode) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.add("-Duser.home=" + home);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ChroniclePeer.class.getName());
        cmd.add(mode);
        java.lang.Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
