#!/usr/bin/env bash
# Checkpoint overhead: windowed count+sum at a 1-second trigger (one batch per simulated second), with and
# without a file checkpoint (on disk, then on tmpfs), state bytes and CPU per batch; then Kafka source throughput
# and latency on loopback. Prints "<figure> <value> <unit>".
# Usage: bench/ckpt/run.sh   (-Drows=N -Dbatches=M in BENCH_JAVA_OPTS change the load)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/target"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
mkdir -p "$out/classes"
if ! mvn -B -q -o -f "$root/pom.xml" -pl streaming-core compile >"$log" 2>&1; then
  mvn -B -q -f "$root/pom.xml" -pl streaming-core compile >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
fi
# the test class path: the Kafka broker (kafka_2.13) and the tests' KafkaBroker launcher
mvn -B -q -o -f "$root/pom.xml" -pl streaming-core test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/classpath.txt" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
cp="$root/streaming-core/target/classes:$root/streaming-core/target/test-classes:$(cat "$out/classpath.txt")"
javac -d "$out/classes" -cp "$cp" "$here/src/CkptBench.java" "$here/src/KafkaBench.java" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
java ${BENCH_JAVA_OPTS:-} -XX:ActiveProcessorCount=1 -XX:+UseSerialGC -Xms1g -Xmx1g -cp "$out/classes:$cp" CkptBench
# Kafka source end to end on loopback (a real KRaft broker in a separate process)
java ${BENCH_JAVA_OPTS:-} -XX:+UseSerialGC -Xmx512m -cp "$out/classes:$cp" KafkaBench 2>/dev/null
