package dev.mp4j.core.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.function.Supplier;

/**
 * Copies a child's standard output or error to this process's, line by line, so lines of several children
 * never interleave mid-line. The target is looked up per line, so {@code System.setOut} takes effect.
 */
final class Forwarder extends Thread {
    private final InputStream from;
    private final Supplier<PrintStream> to;

    Forwarder(String name, InputStream from, Supplier<PrintStream> to) {
        super(name);
        setDaemon(true);
        this.from = from;
        this.to = to;
    }

    @Override
    public void run() {
        // the child is the same java with the same defaults, so it writes in this charset
        try (BufferedReader r = new BufferedReader(new InputStreamReader(from, Charset.defaultCharset()))) {
            String line;
            while ((line = r.readLine()) != null) {
                to.get().println(line);
            }
        } catch (IOException ignored) {
            // the child is gone and its pipe with it: nothing more to forward
        }
    }
}
