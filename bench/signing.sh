#!/usr/bin/env bash
# Signing and verification throughput per core (JMH, one thread): MessageSigner.sign and
# MessageVerifier.verify for RSA256 and ECC224 over a ~300-byte updatePass body, under each
# PASSRELAY_CRYPTO implementation (native, jdk). Extra arguments go to JMH, e.g.
#   bench/signing.sh -p algorithm=RSA256            # RSA only
#   bench/signing.sh -p crypto=jdk                   # where native crypto is unavailable
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile     # also writes target/test-classpath.txt
classpath="$(cat target/test-classpath.txt):target/classes:target/test-classes"
exec java -cp "$classpath" org.openjdk.jmh.Main SigningBenchmark -t 1 -f 1 -wi 2 -i 3 "$@"
