package dev.mp4j;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@link Multiprocessing#logToStderr}: the {@code java.util.logging} logger {@code dev.mp4j}, the parent of every mp4j
 * logger, gets a handler on standard error that writes as Python's {@code log_to_stderr} does:
 * {@code [LEVEL/process name] message}.
 */
final class StderrLog {
    /** Held: {@code java.util.logging} keeps loggers weakly, and a collected one forgets its level and handler. */
    private static final Logger MP4J = Logger.getLogger("dev.mp4j");
    private static Handler installed;

    private StderrLog() {}

    static synchronized void install(System.Logger.Level level) {
        Level jul = julLevel(level);
        if (installed == null) {
            installed = new ConsoleHandler();
            installed.setFormatter(new PythonStyle());
            MP4J.addHandler(installed);
            MP4J.setUseParentHandlers(false);
        }
        installed.setLevel(jul);
        MP4J.setLevel(jul);
    }

    /** As the JDK's {@code System.Logger} over {@code java.util.logging} maps them. */
    private static Level julLevel(System.Logger.Level level) {
        return switch (level) {
            case ALL -> Level.ALL;
            case TRACE -> Level.FINER;
            case DEBUG -> Level.FINE;
            case INFO -> Level.INFO;
            case WARNING -> Level.WARNING;
            case ERROR -> Level.SEVERE;
            case OFF -> Level.OFF;
        };
    }

    private static String pythonName(Level level) {
        int v = level.intValue();
        return v >= Level.SEVERE.intValue() ? "ERROR" : v >= Level.WARNING.intValue() ? "WARNING"
                : v >= Level.INFO.intValue() ? "INFO" : v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    private static final class PythonStyle extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder line = new StringBuilder().append('[').append(pythonName(r.getLevel())).append('/')
                    .append(processName()).append("] ").append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }

        private static String processName() {
            try {
                return Multiprocessing.currentProcess().name();
            } catch (RuntimeException e) {
                return "MainProcess";
            }
        }
    }
}
