package dev.mp4j.transport.netty;

import dev.mp4j.runtime.Transports;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: on JDK 22+, loading a native library without {@code --enable-native-access} prints four warning lines.
 * Probing which transports can run must load none, so that a program whose transport is another one prints nothing
 * because Netty is on its class path; epoll's library loads when a netty transport opens. Checked in a fresh JVM
 * with {@code -verbose:class}: after the probe, no class of Netty's epoll transport is loaded.
 */
class ProbeLoadsNoNativeLibraryTest {
    /** The JVM under test: probes every transport on the class path, then opens the one named, if any. */
    public static void main(String[] args) throws Exception {
        System.out.println("available: " + Transports.available());
        if (args.length > 0) {
            Transports.provider(args[0]).open().close();
            System.out.println("opened " + args[0]);
        }
    }

    private static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", System.getProperty("java.class.path"), ProbeLoadsNoNativeLibraryTest.class.getName()));
        cmd.addAll(List.of(args));
        java.lang.Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void probingTheTransportsLoadsNoEpollClassAndOpeningNettyDoes() throws Exception {
        String probed = run();
        assertTrue(probed.lines().anyMatch(l -> l.startsWith("available: [") && l.contains(NettyTransportProvider.NAME)),
                "netty must be found available: " + probed);
        assertFalse(probed.contains("io.netty.channel.epoll."), "the probe loaded epoll's classes (and its library)");
        String opened = run(NettyTransportProvider.NAME);
        assertTrue(opened.contains("opened netty"), opened);
        assertTrue(opened.contains("io.netty.channel.epoll.") || opened.contains("io.netty.channel.socket.nio"),
                "opening chose a flavor");
    }
}
