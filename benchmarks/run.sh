#!/usr/bin/env bash
# Runs the JMH suite on each transport and the Python baseline back to back, on the same machine, in one run, so
# that they can be set side by side as ratios. Results go to benchmarks/target/results/.
#   bash benchmarks/run.sh                          # everything, on shm and netty (about 25 minutes on 2 cores)
#   bash benchmarks/run.sh Pipe                     # a JMH regex; Python runs the whole baseline anyway
#   TRANSPORTS=shm bash benchmarks/run.sh           # one transport
#   TRANSPORTS="shm chronicle" bash benchmarks/run.sh 'QueueThroughput'   # chronicle too (durableOneToOne_int
#                                                   # runs on chronicle only: exclude it elsewhere with -e durable)
#   PYTHON_ONLY=queue_1to1_int,pipe_roundtrip_bytes bash benchmarks/run.sh QueueThroughput.oneToOne_int|PipeRoundTrip
set -euo pipefail
cd "$(dirname "$0")/.."
out=benchmarks/target/results
mvn -B -q install -DskipTests -pl api,shared-memory,core,tck,transport-shm,transport-netty,transport-chronicle
mvn -B -q -pl benchmarks package
mkdir -p "$out"
{ date -u; uptime; nproc; java -version 2>&1 | head -1; python3 --version; } | tee "$out/machine.txt"
# Chronicle Queue's flags for the JVMs JMH forks (the transport gives its children theirs)
chronicle="--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"
for t in ${TRANSPORTS:-shm netty}; do
  flags=""
  if [ "$t" = chronicle ]; then flags="$chronicle"; fi
  # -Xmx2g: BigMessages needs it (a command-line -jvmArgsAppend replaces the annotation's)
  java -jar benchmarks/target/benchmarks.jar "$@" -jvmArgsAppend "-Xmx2g -Dmp4j.transport=$t $flags" \
    -rf json -rff "$out/jmh-$t.json" | tee "$out/jmh-$t.txt"
  uptime | tee -a "$out/machine.txt"
done
python3 benchmarks/python/bench_multiprocessing.py ${PYTHON_ONLY:+--only "$PYTHON_ONLY"} --json "$out/python.json" \
  | tee "$out/python.txt"
uptime | tee -a "$out/machine.txt"
