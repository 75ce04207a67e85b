package dev.mp4j.benchmarks;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One benchmark run, the way RESULTS.md reports it: the JMH suite on each transport, then Python's
 * {@code multiprocessing} doing the same workloads, on the same machine, back to back; then the side-by-side table of
 * medians and ratios ({@link Comparison}), printed and written with an SVG chart. {@code mvn -pl benchmarks verify
 * -Pbench} runs it (see the profile in the module's pom), as does:
 *
 * <pre>
 * java -Dbench.regex=PipeRoundTrip -Dbench.transports=shm,netty -cp benchmarks/target/benchmarks.jar dev.mp4j.benchmarks.Bench
 * </pre>
 *
 * Settings, as system properties: {@code bench.regex} (the JMH benchmarks to run; Python runs the workloads that
 * match them), {@code bench.transports} (comma-separated, default {@code shm,netty}), {@code bench.out} (default
 * {@code benchmarks/target/results}), {@code bench.python} (the interpreter, default {@code python3}) and
 * {@code bench.pythonScript} (default {@code benchmarks/python/bench_multiprocessing.py}).
 */
public final class Bench {
    /** Chronicle Queue's flags, for the JVMs JMH forks on that transport (the transport gives its children theirs). */
    private static final List<String> CHRONICLE_FLAGS = List.of("--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED");

    private Bench() {}

    public static void main(String[] args) throws IOException, InterruptedException, RunnerException {
        String regex = System.getProperty("bench.regex", ".");
        List<String> transports = Arrays.stream(System.getProperty("bench.transports", "shm,netty").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        Path out = Path.of(System.getProperty("bench.out", "benchmarks/target/results"));
        Path script = Path.of(System.getProperty("bench.pythonScript", "benchmarks/python/bench_multiprocessing.py"));
        String python = System.getProperty("bench.python", "python3");
        Files.createDirectories(out);
        List<String> pythonWorkloads = Comparison.pythonWorkloads(Pattern.compile(regex));
        if (pythonWorkloads.isEmpty()) {
            throw new IllegalArgumentException("-Dbench.regex=" + regex + " selects no benchmark that Python runs too;"
                    + " the ones that do: " + Comparison.WORKLOADS.stream().map(Comparison.Workload::benchmark)
                    .distinct().toList());
        }
        Files.writeString(out.resolve("machine.txt"), machine());

        Map<String, Path> jmh = new LinkedHashMap<>();
        for (String t : transports) {
            Path json = out.resolve("jmh-" + t + ".json");
            List<String> jvmArgs = new ArrayList<>(List.of("-Xmx2g", "-Dmp4j.transport=" + t));
            if (t.equals("chronicle")) {
                jvmArgs.addAll(CHRONICLE_FLAGS);
            }
            System.out.println("# JMH on " + t + ": " + regex);
            ChainedOptionsBuilder options = new OptionsBuilder().include(regex)
                    .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                    .resultFormat(ResultFormatType.JSON).result(json.toString());
            if (!t.equals("chronicle")) {
                options.exclude("durable"); // durable queues exist on chronicle only
            }
            new Runner(options.build()).run();
            jmh.put(t, json);
        }

        Path pythonJson = out.resolve("python.json");
        System.out.println("# Python: " + String.join(",", pythonWorkloads));
        Process p = new ProcessBuilder(python, script.toString(), "--only", String.join(",", pythonWorkloads),
                "--json", pythonJson.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException(python + " " + script + " failed with exit code " + p.exitValue());
        }

        Comparison c = Comparison.read(pythonJson, jmh);
        String table = c.table();
        Files.writeString(out.resolve("comparison.md"), "# " + machine().replace("\n", "; ") + "\n\n" + table);
        Files.writeString(out.resolve("comparison.svg"), c.svg());
        System.out.println();
        System.out.println(table);
        System.out.println("# written: " + out.resolve("comparison.md") + ", " + out.resolve("comparison.svg"));
    }

    private static String machine() throws IOException, InterruptedException {
        Process uptime = new ProcessBuilder("uptime").redirectErrorStream(true).start();
        String load = new String(uptime.getInputStream().readAllBytes()).strip();
        uptime.waitFor();
        return java.time.Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
                + System.getProperty("java.version") + ", " + load + "\n";
    }
}
