package dev.mp4j.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * mp4j beside Python: JMH's JSON results, one file per transport, paired with {@code bench_multiprocessing.py}'s
 * JSON by workload ({@link #WORKLOADS}), as a Markdown table of medians and ratios and as an SVG chart of the
 * speed-ups. A speed-up is Python's time over mp4j's, or mp4j's rate over Python's: above 1, mp4j is faster.
 *
 * <p>Medians, as RESULTS.md promises: p50 for JMH's SampleTime, the median of the measured iterations for its other
 * modes, and the median of the repetitions for Python.
 */
final class Comparison {
    /** How a workload is measured, and so how its two figures compare. */
    enum Kind {
        /** Time per operation: lower is better. */
        TIME,
        /** Operations per second: higher is better. */
        RATE,
        /** JMH gives the time to copy {@link #BANDWIDTH_BYTES}, Python a rate in GB/s (1e9 bytes). */
        BANDWIDTH
    }

    /** The bytes one operation of a bandwidth workload copies: 64 MiB. */
    static final double BANDWIDTH_BYTES = 64.0 * (1 << 20);

    /**
     * One workload of both suites.
     *
     * @param benchmark the JMH benchmark, {@code Class.method}
     * @param params    the JMH parameters it must have, as {@code name=value} (empty for any)
     * @param python    the name of Python's workload
     */
    record Workload(String benchmark, String params, String python, Kind kind) {
        String label() {
            return benchmark + (params.isEmpty() ? "" : " [" + params + "]");
        }
    }

    static final List<Workload> WORKLOADS = List.of(
            new Workload("QueueThroughput.oneToOne_int", "", "queue_1to1_int", Kind.RATE),
            new Workload("QueueThroughput.oneToOne_1k", "", "queue_1to1_1k", Kind.RATE),
            new Workload("QueueThroughput.twoToTwo_int", "", "queue_2to2_int", Kind.RATE),
            new Workload("QueueThroughput.twoToTwo_1k", "", "queue_2to2_1k", Kind.RATE),
            new Workload("PipeRoundTrip.bytes64", "", "pipe_roundtrip_bytes", Kind.TIME),
            new Workload("PipeRoundTrip.smallObject", "", "pipe_roundtrip_object", Kind.TIME),
            new Workload("PoolBenchmarks.applyAsync10k", "", "pool_apply_async_10k", Kind.TIME),
            new Workload("PoolBenchmarks.map1MChunk10000", "", "pool_map_1m_chunk10000", Kind.TIME),
            new Workload("PoolBenchmarks.map1MDefaultChunksize", "", "pool_map_1m_default", Kind.TIME),
            new Workload("PoolBenchmarks.imapUnordered100kChunk1000", "", "pool_imap_unordered_100k_chunk1000",
                    Kind.TIME),
            new Workload("PoolStart.createToFirstResult", "spares=0", "pool_create_to_first_result", Kind.TIME),
            new Workload("PoolStart.createToFirstResult", "spares=default", "pool_create_to_first_result",
                    Kind.TIME),
            new Workload("ProcessStartJoin.startJoin", "spares=0", "process_start_join", Kind.TIME),
            new Workload("ProcessStartJoin.startJoin", "spares=default", "process_start_join", Kind.TIME),
            new Workload("BigMessages.queueToChild", "", "big_queue_to_child_200MB", Kind.TIME),
            new Workload("BigMessages.pipeRoundTrip", "", "big_pipe_round_trip_200MB", Kind.TIME),
            new Workload("EventWake.setToWake", "", "event_wake_latency", Kind.TIME),
            new Workload("LockUncontended.lockUnlock", "", "lock_uncontended", Kind.TIME),
            new Workload("LockUncontended.rlockUnlock", "", "rlock_uncontended", Kind.TIME),
            new Workload("LockedIncrements.twoPeersTimes100k", "how=locked", "locked_increments_2x100k", Kind.TIME),
            new Workload("SharedMemoryBandwidth.write64MiB", "", "shm_write_64mib", Kind.BANDWIDTH),
            new Workload("SharedMemoryBandwidth.read64MiB", "", "shm_read_64mib", Kind.BANDWIDTH),
            new Workload("ManagerOps.dictPut", "", "manager_dict_put", Kind.TIME),
            new Workload("ManagerOps.dictGet", "", "manager_dict_get", Kind.TIME),
            new Workload("ManagerOps.methodCall", "", "manager_method_call", Kind.TIME),
            new Workload("ListenerRoundTrip.roundTrip", "", "listener_client_roundtrip", Kind.TIME));

    /** A median with its unit, as one suite reported it. */
    record Figure(double value, String unit) {
        /** @return seconds per operation, for a time */
        double seconds() {
            return value * secondsPer(unit);
        }

        @Override
        public String toString() {
            return format(value) + " " + unit;
        }
    }

    /** One row: a workload, Python's figure, and mp4j's on each transport that ran it (absent where none did). */
    record Row(Workload workload, Figure python, Map<String, Figure> mp4j) {
        /** @return mp4j's speed-up over Python on that transport: above 1, mp4j is faster */
        Optional<Double> speedUp(String transport) {
            Figure m = mp4j.get(transport);
            if (m == null || python == null) {
                return Optional.empty();
            }
            return Optional.of(switch (workload.kind()) {
                case TIME -> python.seconds() / m.seconds();
                case RATE -> m.value() / python.value();
                case BANDWIDTH -> BANDWIDTH_BYTES / m.seconds() / 1e9 / python.value();
            });
        }
    }

    private final List<String> transports;
    private final List<Row> rows;

    private Comparison(List<String> transports, List<Row> rows) {
        this.transports = transports;
        this.rows = rows;
    }

    /**
     * @param python the JSON {@code bench_multiprocessing.py --json} wrote
     * @param jmh    per transport, the JSON JMH wrote ({@code -rf json})
     * @return the workloads that ran on at least one transport, with Python's figure where it ran too
     */
    static Comparison of(String python, Map<String, String> jmh) {
        JsonObject py = JsonParser.parseString(python).getAsJsonObject().getAsJsonObject("results");
        Map<String, Map<String, Figure>> byLabel = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : jmh.entrySet()) {
            for (JsonElement result : JsonParser.parseString(e.getValue()).getAsJsonArray()) {
                JsonObject r = result.getAsJsonObject();
                for (Workload w : WORKLOADS) {
                    if (matches(w, r)) {
                        byLabel.computeIfAbsent(w.label(), k -> new LinkedHashMap<>()).put(e.getKey(), jmhMedian(r));
                    }
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Workload w : WORKLOADS) {
            Map<String, Figure> mp4j = byLabel.get(w.label());
            if (mp4j != null) {
                JsonObject p = py == null ? null : py.getAsJsonObject(w.python());
                Figure pythonFigure = p == null ? null
                        : new Figure(p.get("median").getAsDouble(), p.get("unit").getAsString());
                rows.add(new Row(w, pythonFigure, mp4j));
            }
        }
        return new Comparison(List.copyOf(jmh.keySet()), rows);
    }

    static Comparison read(Path python, Map<String, Path> jmh) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : jmh.entrySet()) {
            texts.put(e.getKey(), Files.readString(e.getValue()));
        }
        return of(Files.readString(python), texts);
    }

    List<Row> rows() {
        return rows;
    }

    /** @return Python's names of the workloads a JMH regex selects, for {@code bench_multiprocessing.py --only} */
    static List<String> pythonWorkloads(java.util.regex.Pattern jmhRegex) {
        return WORKLOADS.stream().filter(w -> jmhRegex.matcher("dev.mp4j.benchmarks." + w.benchmark()).find())
                .map(Workload::python).distinct().toList();
    }

    private static boolean matches(Workload w, JsonObject r) {
        String name = r.get("benchmark").getAsString();
        if (!name.endsWith("." + w.benchmark())) {
            return false;
        }
        if (w.params().isEmpty()) {
            return true;
        }
        String[] kv = w.params().split("=", 2);
        JsonObject params = r.getAsJsonObject("params");
        return params != null && params.has(kv[0]) && params.get(kv[0]).getAsString().equals(kv[1]);
    }

    private static Figure jmhMedian(JsonObject r) {
        JsonObject metric = r.getAsJsonObject("primaryMetric");
        String unit = metric.get("scoreUnit").getAsString();
        if ("sample".equals(r.get("mode").getAsString())) {
            return new Figure(metric.getAsJsonObject("scorePercentiles").get("50.0").getAsDouble(), unit);
        }
        List<Double> values = new ArrayList<>();
        for (JsonElement fork : metric.getAsJsonArray("rawData")) {
            for (JsonElement v : (JsonArray) fork) {
                values.add(v.getAsDouble());
            }
        }
        return new Figure(median(values), unit);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** @return the seconds in one of a time unit's units: {@code ns}, {@code us}, {@code ms} or {@code s}, alone or per something */
    static double secondsPer(String unit) {
        String u = unit.contains("/") ? unit.substring(0, unit.indexOf('/')) : unit;
        return switch (u) {
            case "ns" -> 1e-9;
            case "us", "µs" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            default -> throw new IllegalArgumentException("not a unit of time: " + unit);
        };
    }

    /** @return the Markdown table: each workload, its medians, and each transport's speed-up over Python */
    String table() {
        StringBuilder sb = new StringBuilder("| workload (JMH / Python) |");
        transports.forEach(t -> sb.append(' ').append(t).append(" |"));
        sb.append(" Python |");
        transports.forEach(t -> sb.append(' ').append(t).append(" ÷ Python |"));
        sb.append("\n|---|");
        sb.append("---:|".repeat(2 * transports.size() + 1)).append('\n');
        for (Row row : rows) {
            sb.append("| `").append(row.workload().label()).append("` / `").append(row.workload().python())
                    .append("` |");
            for (String t : transports) {
                Figure f = row.mp4j().get(t);
                sb.append(' ').append(f == null ? "" : f.toString()).append(" |");
            }
            sb.append(' ').append(row.python() == null ? "not run" : row.python().toString()).append(" |");
            for (String t : transports) {
                sb.append(' ').append(row.speedUp(t).map(Comparison::speedUpText).orElse("")).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String speedUpText(double s) {
        return s >= 1 ? format(s) + "× faster" : format(1 / s) + "× slower";
    }

    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd"};

    /**
     * @return an SVG chart: a row per workload, a bar per transport, from the 1× line to its speed-up on a log scale
     *         (right: mp4j faster; left: slower)
     */
    String svg() {
        int label = 430;
        int plot = 460;
        int bar = 12;
        int rowHeight = Math.max(1, transports.size()) * (bar + 2) + 10;
        int top = 40;
        int height = top + rows.size() * rowHeight + 40;
        double decades = 2.5; // 1/316× to 316×
        double mid = label + plot / 2.0;
        double perDecade = plot / 2.0 / decades;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", label + plot + 20, height));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\">mp4j ÷ Python, as a speed-up "
                + "(log scale; right of 1×: mp4j is faster)</text>%n", 10));
        for (int d = (int) -Math.floor(decades); d <= Math.floor(decades); d++) {
            double x = mid + d * perDecade;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n",
                    x, top - 6, x, height - 30, d == 0 ? "#000" : "#ddd"));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s×</text>%n",
                    x, height - 16, format(Math.pow(10, d))));
        }
        for (int i = 0; i < transports.size(); i++) {
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", label + plot - 90, 8 + 13 * i,
                    COLOURS[i % COLOURS.length], label + plot - 75, 17 + 13 * i, escape(transports.get(i))));
        }
        int y = top;
        for (Row row : rows) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    label - 8, y + rowHeight / 2, escape(row.workload().label())));
            for (int i = 0; i < transports.size(); i++) {
                int by = y + i * (bar + 2);
                Optional<Double> s = row.speedUp(transports.get(i));
                if (s.isEmpty()) {
                    continue;
                }
                double log = Math.max(-decades, Math.min(decades, Math.log10(s.get())));
                double x0 = Math.min(mid, mid + log * perDecade);
                double w = Math.max(1, Math.abs(log) * perDecade);
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                        + "fill=\"%s\"><title>%s on %s: %s</title></rect>%n", x0, by, w, bar,
                        COLOURS[i % COLOURS.length], escape(row.workload().label()), escape(transports.get(i)),
                        speedUpText(s.get())));
            }
            y += rowHeight;
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Three significant digits, without exponent for the values benchmarks give. */
    static String format(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
