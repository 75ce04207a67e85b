#!/usr/bin/env bash
# Runs the JMH suite and the Python baseline back to back, on the same machine, in one run, so the two can be
# set side by side as ratios. Results go to benchmarks/target/results/.
#   bash benchmarks/run.sh            # everything (about 12 minutes on 2 cores)
#   bash benchmarks/run.sh Pipe       # a JMH regex; Python runs the whole baseline anyway
set -euo pipefail
cd "$(dirname "$0")/.."
out=benchmarks/target/results
mvn -B -q install -DskipTests -pl api,shared-memory,core,tck,transport-shm,transport-netty
mvn -B -q -pl benchmarks package
mkdir -p "$out"
{ date -u; uptime; nproc; java -version 2>&1 | head -1; python3 --version; } | tee "$out/machine.txt"
java -jar benchmarks/target/benchmarks.jar "$@" -rf json -rff "$out/jmh.json" | tee "$out/jmh.txt"
python3 benchmarks/python/bench_multiprocessing.py --json "$out/python.json" | tee "$out/python.txt"
uptime | tee -a "$out/machine.txt"
