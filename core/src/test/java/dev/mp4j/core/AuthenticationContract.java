package dev.mp4j.core;

import dev.mp4j.Queue;
import dev.mp4j.Task;
import dev.mp4j.tck.TransportContract;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every link starts with an HMAC challenge both ways. A process with another authkey is refused with
 * {@link dev.mp4j.AuthenticationException}, and the refusing process goes on serving the others.
 */
public abstract class AuthenticationContract extends TransportContract {

    @Test
    void aProcessWithTheWrongAuthkeyIsRefusedAndTheServerStaysUp() throws Exception {
        Queue<String> q = mp().queue();
        Task intrude = () -> q.put("intruder got in");
        byte[] wrongKey = new byte[32];
        Bootstrap boot = new Bootstrap(wrongKey, transport(), "Intruder", "999", false, "MainProcess",
                ProcessHandle.current().pid(), false, Map.of(), Codec.encode(intrude));

        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.addAll(((CoreContext) mp()).provider().childJvmArgs());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildMain.class.getName()));
        java.lang.Process intruder = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boot.writeTo(intruder.getOutputStream());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        intruder.getErrorStream().transferTo(err);
        assertTrue(intruder.waitFor(60, TimeUnit.SECONDS));
        String stderr = err.toString(StandardCharsets.UTF_8);

        assertEquals(1, intruder.exitValue(), stderr);
        assertTrue(stderr.contains("dev.mp4j.AuthenticationException"), stderr);
        assertNull(q.poll(Duration.ofMillis(300)), "the intruder's item must not arrive");

        run(mp().process(() -> q.put("a member of the tree")));
        assertEquals("a member of the tree", q.take());
    }
}
