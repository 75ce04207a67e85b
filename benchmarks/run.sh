#!/usr/bin/env bash
# A thin wrapper of `mvn -pl benchmarks verify -Pbench` (dev.mp4j.benchmarks.Bench): installs the runtime, then runs
# the JMH suite on each transport and Python's multiprocessing on the same workloads, back to back on this machine,
# and prints the table of medians and ratios. Results, the table and an SVG chart go to benchmarks/target/results/.
#   bash benchmarks/run.sh                          # everything, on shm and netty (about 25 minutes on 2 cores)
#   bash benchmarks/run.sh PipeRoundTrip            # a JMH regex; Python runs the workloads it selects
#   TRANSPORTS=shm bash benchmarks/run.sh           # one transport
#   TRANSPORTS="shm chronicle" bash benchmarks/run.sh QueueThroughput   # chronicle gets Chronicle's JVM flags
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -pl api,shared-memory,core,tck,transport-shm,transport-netty,transport-chronicle
transports="${TRANSPORTS:-shm netty}"
mvn -B -q -pl benchmarks verify -Pbench -Dbench.regex="${1:-.}" -Dbench.transports="${transports// /,}"
