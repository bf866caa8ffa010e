#!/usr/bin/env bash
# Checkpoint overhead: windowed count+sum at a 1-second trigger (one batch per simulated second), with and
# without a file checkpoint. Prints "<figure> <value> <unit>" lines.
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
mvn -B -q -o -f "$root/pom.xml" -pl streaming-core dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$out/classpath.txt" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
cp="$root/streaming-core/target/classes:$(cat "$out/classpath.txt")"
javac -q -d "$out/classes" -cp "$cp" "$here/src/CkptBench.java" 2>/dev/null || javac -d "$out/classes" -cp "$cp" "$here/src/CkptBench.java"
exec java ${BENCH_JAVA_OPTS:-} -XX:ActiveProcessorCount=1 -XX:+UseSerialGC -Xms1g -Xmx1g \
  -cp "$out/classes:$cp" CkptBench
