/**
 * JMH benchmarks of mp4j, each against real peer JVMs started with mp4j, doing the same work as the Python
 * baseline {@code benchmarks/python/bench_multiprocessing.py} (same payloads, same N, same topology), so that the
 * two can be set side by side as ratios.
 *
 * <h2>Running</h2>
 * From the repository root:
 * <pre>
 * mvn -o -q install -DskipTests -pl api,shared-memory,core,tck,transport-shm,transport-netty &amp;&amp; mvn -q -pl benchmarks package &amp;&amp; java -jar benchmarks/target/benchmarks.jar  [regex]
 * </pre>
 * {@code [regex]} picks benchmarks, e.g. {@code PipeRoundTrip}, {@code QueueThroughput.oneToOne},
 * {@code ProcessStartJoin}; none runs them all (about 12 minutes on 2 cores with the defaults in the annotations).
 * JMH options apply as usual: {@code -f 1 -wi 1 -i 1 -r 2s -w 1s} for a smoke run, {@code -rf json -rff out.json}
 * to keep the results. The peers run this JVM's {@code java} with its {@code java.class.path}: under
 * {@code java -jar} that is the shaded jar (and JMH's forked JVMs get the same class path), which holds
 * everything, so run the benchmarks from the jar. The transport is the default one; pick another with
 * {@code -jvmArgsAppend -Dmp4j.transport=NAME}. To profile the peers as well as the benchmark JVM
 * ({@code -prof jfr}), give them flags with
 * {@code -jvmArgsAppend "-Dbench.peerJvmArgs=-XX:StartFlightRecording=filename=/tmp/{name}.jfr"}.
 *
 * <p>Every benchmark stops and joins its peers in its trial teardown; after a run,
 * {@code pgrep -af dev.mp4j.core.process.ChildMain} shows none started from {@code benchmarks.jar}. The machine is
 * shared: note the load average ({@code uptime}) with the results, and run the Python side right after.
 *
 * <p>The Python side (CPython 3.11, standard library only; {@code --quick} for a smoke run,
 * {@code --start-method fork|spawn|forkserver}, {@code --json out.json}):
 * <pre>
 * python3 benchmarks/python/bench_multiprocessing.py
 * </pre>
 *
 * <h2>Which is which</h2>
 * <table>
 *   <caption>JMH benchmark, its Python workload, and the number to compare</caption>
 *   <tr><th>JMH</th><th>Python</th><th>compare</th></tr>
 *   <tr><td>{@code PipeRoundTrip.bytes64}</td><td>{@code pipe_roundtrip_bytes}</td><td>p0.50, µs</td></tr>
 *   <tr><td>{@code PipeRoundTrip.smallObject}</td><td>{@code pipe_roundtrip_object}</td><td>p0.50, µs</td></tr>
 *   <tr><td>{@code QueueThroughput.oneToOne_int}</td><td>{@code queue_1to1_int}</td><td>msg/s (ops/s)</td></tr>
 *   <tr><td>{@code QueueThroughput.oneToOne_1k}</td><td>{@code queue_1to1_1k}</td><td>msg/s (ops/s)</td></tr>
 *   <tr><td>{@code QueueThroughput.twoToTwo_int}</td><td>{@code queue_2to2_int}</td><td>msg/s (ops/s)</td></tr>
 *   <tr><td>{@code QueueThroughput.twoToTwo_1k}</td><td>{@code queue_2to2_1k}</td><td>msg/s (ops/s)</td></tr>
 *   <tr><td>{@code ProcessStartJoin.startJoin}</td><td>{@code process_start_join}</td><td>p0.50, ms</td></tr>
 *   <tr><td>{@code LockUncontended.lockUnlock}, {@code rlockUnlock}</td><td>{@code lock_uncontended},
 *       {@code rlock_uncontended}</td><td>ns per lock+unlock</td></tr>
 *   <tr><td>{@code LockedIncrements.twoPeersTimes100k} (how=locked)</td><td>{@code locked_increments_2x100k}</td>
 *       <td>ms per round</td></tr>
 *   <tr><td>{@code LockedIncrements.twoPeersTimes100k} (how=atomic)</td><td>none (Python has no atomic
 *       increment; its nearest is the locked one)</td><td>ms per round</td></tr>
 *   <tr><td>{@code SharedMemoryBandwidth.write64MiB}, {@code read64MiB}</td><td>{@code shm_write_64mib},
 *       {@code shm_read_64mib}</td><td>GB/s = 67.1 MB ÷ time</td></tr>
 *   <tr><td>{@code EventWake.setToWake}</td><td>{@code event_wake_latency}</td><td>p0.50, µs</td></tr>
 *   <tr><td>{@code PoolBenchmarks.map1MChunk10000}, {@code map1MDefaultChunksize}</td>
 *       <td>{@code pool_map_1m_chunk10000}, {@code pool_map_1m_default}</td><td>ms per map</td></tr>
 *   <tr><td>{@code PoolBenchmarks.applyAsync10k}</td><td>{@code pool_apply_async_10k}</td><td>µs per task</td></tr>
 *   <tr><td>{@code PoolBenchmarks.imapUnordered100kChunk1000}</td><td>{@code pool_imap_unordered_100k_chunk1000}</td>
 *       <td>ms</td></tr>
 *   <tr><td>{@code PoolStart.createToFirstResult}</td><td>{@code pool_create_to_first_result}</td><td>p0.50, ms</td></tr>
 *   <tr><td>{@code BigMessages.queueToChild}</td><td>{@code big_queue_to_child_200MB}</td>
 *       <td>ms per 200 MiB put + ack</td></tr>
 *   <tr><td>{@code BigMessages.pipeRoundTrip}</td><td>{@code big_pipe_round_trip_200MB}</td>
 *       <td>ms per 200 MiB round trip</td></tr>
 * </table>
 * Python reports the median over repetitions; JMH's SampleTime benchmarks report percentiles over every timed
 * operation (use p0.50), its Throughput benchmarks the mean over iterations of back-to-back rounds, and
 * its SingleShotTime ones ({@code BigMessages}, one operation per iteration) the mean over iterations.
 */
package dev.mp4j.benchmarks;
