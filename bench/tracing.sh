#!/usr/bin/env bash
# What tracing costs one event when nothing records spans (JMH, one thread, ns per event): the tracing calls of
# one record, one AlipayHK call and one results record under the no-op OpenTelemetry API, with and without a
# traceparent, against building the results record alone. Compare with bench/signing.sh (one RSA signature).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile     # also writes target/test-classpath.txt
classpath="$(cat target/test-classpath.txt):target/classes:target/test-classes"
exec java -cp "$classpath" org.openjdk.jmh.Main TracingOffBenchmark -t 1 -f 1 -wi 3 -w 1s -i 5 -r 1s "$@"
