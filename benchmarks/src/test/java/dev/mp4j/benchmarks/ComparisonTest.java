package dev.mp4j.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The side-by-side table from JSON shaped as JMH and {@code bench_multiprocessing.py} write it. */
class ComparisonTest {
    private static final String PYTHON = """
            {"results": {
              "pipe_roundtrip_bytes": {"unit": "us", "better": "lower", "median": 40.0},
              "queue_1to1_int": {"unit": "msg/s", "better": "higher", "median": 200000.0},
              "shm_write_64mib": {"unit": "GB/s", "better": "higher", "median": 10.0},
              "pool_create_to_first_result": {"unit": "ms", "better": "lower", "median": 60.0}
            }}""";

    private static String jmh(double pipeP50Us, double queueOpsPerSecond) {
        return """
                [
                 {"benchmark": "dev.mp4j.benchmarks.PipeRoundTrip.bytes64", "mode": "sample",
                  "primaryMetric": {"score": 9.0, "scoreUnit": "us/op",
                                    "scorePercentiles": {"0.0": 0.1, "50.0": %s, "100.0": 900.0}}},
                 {"benchmark": "dev.mp4j.benchmarks.QueueThroughput.oneToOne_int", "mode": "thrpt",
                  "primaryMetric": {"score": 1.0, "scoreUnit": "ops/s",
                                    "rawData": [[1.0, %s, 9.0e9]]}},
                 {"benchmark": "dev.mp4j.benchmarks.SharedMemoryBandwidth.write64MiB", "mode": "avgt",
                  "primaryMetric": {"score": 6.7108864, "scoreUnit": "ms/op", "rawData": [[6.7108864]]}},
                 {"benchmark": "dev.mp4j.benchmarks.PoolStart.createToFirstResult", "mode": "sample",
                  "params": {"spares": "0"},
                  "primaryMetric": {"score": 1.0, "scoreUnit": "ms/op", "scorePercentiles": {"50.0": 120.0}}}
                ]""".formatted(pipeP50Us, queueOpsPerSecond);
    }

    @Test
    void mediansArePairedByWorkloadAndComparedAsSpeedUps() {
        Map<String, String> runs = new LinkedHashMap<>();
        runs.put("shm", jmh(0.5, 2.0e6));
        runs.put("netty", jmh(80.0, 1.0e5));
        Comparison c = Comparison.of(PYTHON, runs);

        assertEquals(List.of("QueueThroughput.oneToOne_int", "PipeRoundTrip.bytes64", "PoolStart.createToFirstResult",
                "SharedMemoryBandwidth.write64MiB"), c.rows().stream().map(r -> r.workload().benchmark()).toList(),
                "the workloads that ran, in the order of Comparison.WORKLOADS; a parameter that did not run has no row");
        Comparison.Row pipe = c.rows().get(1);
        assertEquals(80.0, pipe.speedUp("shm").orElseThrow(), 1e-9, "40 µs against p50 0.5 µs");
        assertEquals(0.5, pipe.speedUp("netty").orElseThrow(), 1e-9);
        Comparison.Row queue = c.rows().get(0);
        assertEquals(10.0, queue.speedUp("shm").orElseThrow(), 1e-9, "the median iteration, 2M against 200k msg/s");
        Comparison.Row pool = c.rows().get(2);
        assertEquals(0.5, pool.speedUp("shm").orElseThrow(), 1e-9, "60 ms against 120 ms");
        Comparison.Row bandwidth = c.rows().get(3);
        assertEquals(1.0, bandwidth.speedUp("shm").orElseThrow(), 1e-6, "64 MiB in 6.71 ms is 10 GB/s");

        String table = c.table();
        assertTrue(table.contains("| `PipeRoundTrip.bytes64` / `pipe_roundtrip_bytes` | 0.5 us/op | 80.0 us/op | 40.0 us "
                + "| 80.0× faster | 2.00× slower |"), table);
        assertTrue(table.contains("`PoolStart.createToFirstResult [spares=0]`"), table);
        String svg = c.svg();
        assertTrue(svg.startsWith("<svg") && svg.contains("PipeRoundTrip.bytes64 on netty: 2.00× slower"), svg);
    }

    @Test
    void aRegexSelectsPythonsWorkloadsToo() {
        assertEquals(List.of("pipe_roundtrip_bytes", "pipe_roundtrip_object"),
                Comparison.pythonWorkloads(Pattern.compile("PipeRoundTrip")));
        assertEquals(List.of("pool_create_to_first_result"), Comparison.pythonWorkloads(Pattern.compile("PoolStart")));
    }
}
