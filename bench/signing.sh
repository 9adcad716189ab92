#!/usr/bin/env bash
# Signing throughput per core (JMH, one thread): MessageSigner.sign for RSA256 and ECC224 over a
# ~300-byte updatePass body. Extra arguments go to JMH (e.g. -p algorithm=ECC224).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o test-compile
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
classpath="$(cat target/bench-classpath.txt):target/classes:target/test-classes"
exec java -cp "$classpath" org.openjdk.jmh.Main SigningBenchmark -t 1 -f 1 -wi 2 -i 3 "$@"
