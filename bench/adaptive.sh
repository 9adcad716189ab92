#!/usr/bin/env bash
# Adaptive concurrency against a slow or throttling AlipayHK (see AdaptiveBenchmark): a real broker process, the
# simulator process and each worker in a JVM of its own; steady 20 ms fixed vs adaptive, throttling at Q = 64,
# a 60 s latency step to 500 ms; writes target/perf/adaptive.md.
#   bench/adaptive.sh          # the whole run (about 12 minutes)
#   bench/adaptive.sh quick    # shorter scenarios
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B package -DskipTests   # the jar (the simulator), the classes, target/test-classpath.txt
classpath="$(cat target/test-classpath.txt):target/classes:target/test-classes"
exec java -Xmx1g ${JAVA_OPTS:-} -Dlogback.configurationFile=logback-test.xml -cp "$classpath" \
    passrelay.bench.AdaptiveBenchmark "$@"
