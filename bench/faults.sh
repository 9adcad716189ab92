#!/usr/bin/env bash
# Fault runs of issue 9 on real processes: a KRaft broker process, the simulator and the worker of the built
# jar as child processes (see passrelay.faults.FaultRuns). Each scenario asserts its guarantees and prints a
# row of figures; the script exits 1 when any guarantee failed. About 10 minutes for all six scenarios here.
#   bench/faults.sh                           # kills broker-restart outage two-workers hostile forged
#   bench/faults.sh kills outage              # some of them
#   bench/faults.sh memory                    # 1,000,000-event backlog at -Xmx256m (--memory-events N)
#   bench/faults.sh static-kill               # SIGKILL+restart as a dynamic, then a static group member: the stall
#   bench/faults.sh kills --worker-jar /tmp/old/target/passrelay.jar --label before   # an older worker build
# Other options: --passes N (300) --events-per-pass N (10) --out DIR (logs; default a temp dir)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B package -DskipTests    # the jar under test; also writes target/test-classpath.txt
mvn -q -B test-compile
classpath="$(cat target/test-classpath.txt):target/classes:target/test-classes"
exec java -Xmx2g -Dlogback.configurationFile=target/test-classes/logback-faults.xml ${JAVA_OPTS:-} -cp "$classpath" passrelay.faults.FaultRuns "$@"
