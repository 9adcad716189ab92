#!/usr/bin/env bash
# End-to-end events/s, per-pass lanes vs. the partition-serial baseline, in one run (see ThroughputBenchmark).
# Arguments: [passes=500] [eventsPerPass=10] [latencyMs=20] [partitions=6]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile     # also writes target/test-classpath.txt
classpath="$(cat target/test-classpath.txt):target/classes:target/test-classes"
exec java -Xmx1g ${JAVA_OPTS:-} -cp "$classpath" passrelay.bench.ThroughputBenchmark "$@"
