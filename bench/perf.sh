#!/usr/bin/env bash
# The end-to-end benchmark (see PerfBenchmark): a real broker process, the simulator process and each worker
# in a JVM of its own; crypto ceilings, native vs jdk at 0/20/100 ms, per-pass lanes vs partition-serial, the
# issue's targets as same-run ratios; writes target/perf/report.md and docs/performance/throughput-vs-latency.png.
#   bench/perf.sh                       # the whole run (about 15 minutes)
#   bench/perf.sh quick                 # shorter warm-up and windows
#   bench/perf.sh profile [jdk] [serial] [20] [warm-up=50] [NAME=VALUE...]   # one worker with a CPU profile (async-profiler)
#   bench/perf.sh compare=DIR          # this build's worker against the one built in checkout DIR, alternated
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B package -DskipTests   # the jar (the simulator), the classes, target/test-classpath.txt
classpath="$(cat target/test-classpath.txt):target/classes:target/test-classes"
exec java -Xmx1g ${JAVA_OPTS:-} -Dlogback.configurationFile=logback-test.xml -cp "$classpath" \
    passrelay.bench.PerfBenchmark "$@"
