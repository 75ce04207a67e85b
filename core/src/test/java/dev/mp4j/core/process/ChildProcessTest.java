package dev.mp4j.core.process;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildProcessTest {
    @Test
    void signalDeathsReadAsNegativeSignalNumbers() {
        assertEquals(0, ChildProcess.exitCode(0));
        assertEquals(1, ChildProcess.exitCode(1));
        assertEquals(128, ChildProcess.exitCode(128));
        assertEquals(-9, ChildProcess.exitCode(137));
        assertEquals(-15, ChildProcess.exitCode(143));
        assertEquals(255, ChildProcess.exitCode(255));
    }

    @Test
    void theBootstrapAndTheAssignmentRoundTripOneAfterTheOtherAndRefuseStrangers() throws IOException {
        Bootstrap b = new Bootstrap(new byte[] {1, 2, 3}, "netty", "MainProcess", 42, false,
                Map.of("mp4j.x", "ü"), new byte[] {6});
        Assignment a = new Assignment("Process-1", "1", true, new byte[] {4, 5},
                Map.of("tcp://127.0.0.1:5000", new byte[] {7, 8}));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.writeTo(out);
        a.writeTo(out);
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        Bootstrap back = Bootstrap.readFrom(in);
        assertArrayEquals(b.authkey(), back.authkey());
        assertArrayEquals(b.warmup(), back.warmup());
        assertEquals(b.properties(), back.properties());
        assertEquals("netty", back.transport());
        assertEquals(42, back.parentPid());
        Assignment job = Assignment.readFrom(in);
        assertEquals("Process-1", job.name());
        assertEquals("1", job.identity());
        assertTrue(job.daemon());
        assertArrayEquals(a.task(), job.task());
        assertArrayEquals(new byte[] {7, 8}, job.keys().get("tcp://127.0.0.1:5000"));
        assertEquals(0, in.available());
        IOException e = assertThrows(IOException.class, () -> Bootstrap.readFrom(new ByteArrayInputStream(new byte[] {1, 2, 3, 4})));
        assertTrue(e.getMessage().contains("not by hand"), e.getMessage());
    }
}
